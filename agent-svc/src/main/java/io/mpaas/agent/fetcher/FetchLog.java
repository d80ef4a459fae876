package io.mpaas.agent.fetcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fetcher's account in the sandbox, where Mesos's fetcher leaves its own: what was fetched in
 * {@code stdout}, why a fetch failed in {@code stderr}, both read through {@code /files} like the
 * task's output that follows them (the containerizers append).
 */
final class FetchLog {

    private static final Logger log = LoggerFactory.getLogger(FetchLog.class);

    private final Path sandbox;

    FetchLog(Path sandbox) {
        this.sandbox = sandbox;
    }

    void info(String line) {
        append("stdout", line);
    }

    void error(String line) {
        append("stderr", line);
    }

    private void append(String file, String line) {
        try {
            Files.writeString(sandbox.resolve(file), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            log.warn("Cannot write to {} in {}: {}", file, sandbox, e.toString());
        }
    }
}
