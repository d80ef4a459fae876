package io.mpaas.agent.docker;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies a container's stdout and stderr into {@code stdout} and {@code stderr} in its
 * sandbox, where the agent's {@code /files} endpoints and failure messages read them (the
 * containerizer contract), following the container on a virtual thread until it stops.
 * Writes are unbuffered so the files show output as it happens.
 */
final class LogFollower {

    private static final Logger log = LoggerFactory.getLogger(LogFollower.class);

    static final String STDOUT = "stdout";
    static final String STDERR = "stderr";

    private final DockerEngine engine;
    private final String container;
    private final Path sandbox;
    private volatile Thread thread;

    LogFollower(DockerEngine engine, String container, Path sandbox) {
        this.engine = engine;
        this.container = container;
        this.sandbox = sandbox;
    }

    /**
     * Where following resumes after an agent restart: the last time either file was written,
     * in whole seconds, because the engine's {@code since} has that resolution. Lines of
     * that last second are copied twice rather than lost. 0 (from the start) when the files
     * do not exist yet.
     */
    static long resumePoint(Path sandbox) {
        long latest = 0;
        for (String name : new String[] {STDOUT, STDERR}) {
            try {
                latest = Math.max(latest, Files.getLastModifiedTime(sandbox.resolve(name)).toInstant().getEpochSecond());
            } catch (NoSuchFileException e) {
                // not written yet
            } catch (IOException e) {
                log.warn("Cannot read the modification time of {}: {}", sandbox.resolve(name), e.toString());
            }
        }
        return latest;
    }

    void start(long sinceEpochSecond) {
        thread = Thread.ofVirtual().name("docker-logs-" + container).start(() -> follow(sinceEpochSecond));
    }

    private void follow(long since) {
        try (OutputStream out = append(STDOUT); OutputStream err = append(STDERR)) {
            engine.followLogs(container, since, out, err);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            log.warn("Stopped copying the logs of {} into {}: {}", container, sandbox, e.toString());
        }
    }

    private OutputStream append(String name) throws IOException {
        return Files.newOutputStream(sandbox.resolve(name), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /**
     * Waits, at most {@code timeout}, for the last output to be written after the container
     * stopped, so that whoever reads the exit also finds the last lines of stderr.
     */
    boolean awaitDrained(Duration timeout) throws InterruptedException {
        Thread current = thread;
        return current == null || current.join(timeout);
    }
}
