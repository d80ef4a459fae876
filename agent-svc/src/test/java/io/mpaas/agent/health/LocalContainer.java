package io.mpaas.agent.health;

import io.mpaas.agent.container.ContainerExit;
import io.mpaas.agent.container.ContainerHandle;
import io.mpaas.agent.container.ExecResult;
import io.mpaas.protocol.mesos.ContainerId;
import io.mpaas.protocol.mesos.ResourceStatistics;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A container that is this machine: probes reach ports on the loopback address, and exec runs
 * {@code /bin/sh -c} here with the given environment, as the process containerizer does. A test
 * can replace exec's answer with a canned one.
 */
final class LocalContainer implements ContainerHandle {

    private volatile ExecResult canned;
    volatile String lastCommand;
    volatile Map<String, String> lastEnvironment;
    volatile Duration lastTimeout;

    /** Answers every exec with {@code result} instead of running anything. */
    LocalContainer answering(ExecResult result) {
        this.canned = result;
        return this;
    }

    @Override
    public ContainerId id() {
        return ContainerId.of("local");
    }

    @Override
    public ContainerExit awaitExit() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void kill(Duration grace) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ExecResult exec(String shellCommand, Map<String, String> environment, Duration timeout)
            throws InterruptedException {
        lastCommand = shellCommand;
        lastEnvironment = environment;
        lastTimeout = timeout;
        if (canned != null) {
            return canned;
        }
        Path output = null;
        try {
            output = Files.createTempFile("health-exec", ".out");
            ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", shellCommand)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            try {
                if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                    process.destroyForcibly().waitFor();
                    return new ExecResult(null, true, Files.readString(output));
                }
            } finally {
                process.destroyForcibly();
            }
            return new ExecResult(process.exitValue(), false, Files.readString(output));
        } catch (IOException e) {
            return new ExecResult(null, false, e.getMessage());
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException ignored) {
                    // a temp file left behind is harmless
                }
            }
        }
    }

    @Override
    public InetSocketAddress probeAddress(int port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    @Override
    public Optional<ResourceStatistics> statistics() {
        return Optional.empty();
    }

    @Override
    public Optional<Long> pid() {
        return Optional.empty();
    }
}
