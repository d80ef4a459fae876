package io.mpaas.agent.process;

import io.mpaas.agent.container.ExecResult;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a COMMAND health check or check for a process task: {@code /bin/sh -c} in the sandbox
 * with the given environment, in a process group of its own so that a timeout kills the
 * command and everything it started. When it ends, whatever it left in its group is killed
 * too: a leftover would keep the output pipe open, and a check is not a way to start daemons.
 */
final class CheckCommandRunner {

    /** Enough output for a health check's message; the rest is read and dropped so the command never blocks. */
    static final int OUTPUT_LIMIT = 4096;

    /** How long the output is still read after the command's group was killed (a process that left the group may hold the pipe). */
    private static final Duration OUTPUT_DRAIN = Duration.ofSeconds(1);

    private final ProcessTable table;
    private final String setsid;
    private final String defaultPath;

    /**
     * @param setsid the {@code setsid} binary, or null (then the check shares the agent's group and only
     *     the shell itself can be killed on timeout)
     * @param defaultPath the PATH given when the environment has none
     */
    CheckCommandRunner(ProcessTable table, String setsid, String defaultPath) {
        this.table = table;
        this.setsid = setsid;
        this.defaultPath = defaultPath;
    }

    ExecResult run(Path dir, String shellCommand, Map<String, String> environment, Duration timeout)
            throws InterruptedException {
        List<String> command = new ArrayList<>();
        if (setsid != null) {
            command.add(setsid);
        }
        command.addAll(List.of("/bin/sh", "-c", shellCommand));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.environment().putIfAbsent("PATH", defaultPath);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return new ExecResult(null, false, "cannot start /bin/sh: " + e.getMessage());
        }
        long startTicks = table.stat(process.pid()).map(ProcStat::startTicks).orElse(-1L);
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread reader = Thread.ofVirtual().name("check-output-" + process.pid())
                .start(() -> capture(process.getInputStream(), output));
        boolean finished = process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (setsid != null && table.ownsGroup(process.pid(), startTicks)) {
            table.signalGroup(process.pid(), "KILL");
        } else if (!finished) {
            process.destroyForcibly();
        }
        process.waitFor();
        reader.join(OUTPUT_DRAIN);
        String text;
        synchronized (output) {
            text = output.toString(StandardCharsets.UTF_8);
        }
        return new ExecResult(finished ? process.exitValue() : null, !finished, text);
    }

    private static void capture(InputStream in, ByteArrayOutputStream output) {
        byte[] buffer = new byte[1024];
        try (in) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                synchronized (output) {
                    output.write(buffer, 0, Math.min(n, Math.max(0, OUTPUT_LIMIT - output.size())));
                }
            }
        } catch (IOException e) {
            // The pipe closed under us: keep what was read.
        }
    }
}
