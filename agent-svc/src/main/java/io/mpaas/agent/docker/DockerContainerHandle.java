package io.mpaas.agent.docker;

import io.mpaas.agent.container.ContainerExit;
import io.mpaas.agent.container.ContainerHandle;
import io.mpaas.agent.container.ExecResult;
import io.mpaas.protocol.mesos.ContainerId;
import io.mpaas.protocol.mesos.ResourceStatistics;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One Docker container, launched or recovered; everything goes to the engine by the container's name. */
final class DockerContainerHandle implements ContainerHandle {

    private static final Logger log = LoggerFactory.getLogger(DockerContainerHandle.class);

    /** How much of an exec's output is kept: enough for a health check's message, not a log. */
    static final int EXEC_OUTPUT_LIMIT = 4096;
    /** How long the last log lines may take to reach the sandbox after the container stopped. */
    private static final Duration LOG_DRAIN_TIMEOUT = Duration.ofSeconds(2);
    /** How long killing a timed-out exec may take; it is a single {@code kill} builtin. */
    private static final Duration EXEC_KILL_TIMEOUT = Duration.ofSeconds(5);
    /** Retry pace while the engine is away during {@link #awaitExit}; it is usually restarting. */
    private static final Duration ENGINE_RETRY_MAX = Duration.ofSeconds(10);
    /**
     * The exec wrapper: prints its pid, then becomes the health check's shell, so the pid is
     * the command's own (inside the container's pid namespace) and a timed-out command can
     * be killed with a second exec; the engine has no call to kill an exec.
     */
    private static final String EXEC_WRAPPER = "echo $$; exec /bin/sh -c \"$1\"";

    private final ContainerId id;
    private final String name;
    private final DockerEngine engine;
    private final Clock clock;
    private final Double cpusLimit;
    private final LogFollower logs;
    private final AtomicBoolean killRequested = new AtomicBoolean();
    private final ReentrantLock waiting = new ReentrantLock();
    private volatile ContainerExit exit;

    /**
     * @param cpusLimit the task's cpus, for statistics; null to read them back from the
     *     container's limits (a recovered container)
     */
    DockerContainerHandle(ContainerId id, DockerEngine engine, Clock clock, Double cpusLimit, LogFollower logs) {
        this.id = id;
        this.name = DockerContainerizer.containerName(id);
        this.engine = engine;
        this.clock = clock;
        this.cpusLimit = cpusLimit;
        this.logs = logs;
    }

    @Override
    public ContainerId id() {
        return id;
    }

    @Override
    public ContainerExit awaitExit() throws InterruptedException {
        ContainerExit known = exit;
        if (known != null) {
            return known;
        }
        waiting.lockInterruptibly();
        try {
            if (exit == null) {
                exit = waitForExit();
                logs.awaitDrained(LOG_DRAIN_TIMEOUT);
            }
            return exit;
        } finally {
            waiting.unlock();
        }
    }

    private ContainerExit waitForExit() throws InterruptedException {
        Duration pause = Duration.ofSeconds(1);
        while (true) {
            try {
                engine.await(name);
                Optional<ContainerDetails> details = engine.inspect(name);
                if (details.isEmpty()) {
                    return ContainerExit.vanished("Container " + name + " was removed before its exit was read");
                }
                return exitOf(details.get());
            } catch (DockerEngineException e) {
                if (e.notFound()) {
                    return ContainerExit.vanished("Container " + name + " no longer exists");
                }
                log.warn("Waiting for {} failed ({}); retrying in {}", name, e.getMessage(), pause);
                Thread.sleep(pause);
                pause = pause.multipliedBy(2).compareTo(ENGINE_RETRY_MAX) > 0 ? ENGINE_RETRY_MAX
                        : pause.multipliedBy(2);
            }
        }
    }

    private ContainerExit exitOf(ContainerDetails details) {
        String message = null;
        if (details.oomKilled()) {
            message = "Container exceeded its memory limit and was killed by the kernel (OOM)";
        } else if (details.error() != null && !details.error().isBlank()) {
            message = details.error();
        }
        return new ContainerExit(details.exitCode(), killRequested.get(), details.oomKilled(), message,
                details.finishedAt());
    }

    /**
     * {@code docker stop} with the grace period in whole seconds (rounded up, so a grace
     * shorter than a second is not turned into an immediate SIGKILL). If the engine fails
     * to stop it, SIGKILL directly.
     */
    @Override
    public void kill(Duration grace) {
        killRequested.set(true);
        Duration seconds = Duration.ofSeconds(grace.toSeconds() + (grace.toNanosPart() > 0 ? 1 : 0));
        try {
            engine.stop(name, seconds);
        } catch (DockerEngineException e) {
            if (e.notFound()) {
                return;
            }
            log.warn("Stopping {} failed ({}); sending SIGKILL", name, e.getMessage());
            try {
                engine.kill(name);
            } catch (DockerEngineException again) {
                if (!again.notFound()) {
                    log.warn("Killing {} failed: {}", name, again.getMessage());
                }
            }
        }
    }

    @Override
    public ExecResult exec(String shellCommand, Map<String, String> environment, Duration timeout)
            throws InterruptedException {
        DockerEngine.ExecOutput output;
        try {
            output = engine.exec(name, List.of("/bin/sh", "-c", EXEC_WRAPPER, "sh", shellCommand), environment,
                    timeout, EXEC_OUTPUT_LIMIT);
        } catch (DockerEngineException e) {
            return new ExecResult(null, false, e.getMessage());
        }
        String stdout = output.stdout();
        int newline = stdout.indexOf('\n');
        String pid = newline < 0 ? stdout.trim() : stdout.substring(0, newline).trim();
        String rest = newline < 0 ? "" : stdout.substring(newline + 1);
        String combined = truncate(rest + output.stderr());
        if (output.timedOut()) {
            killExec(pid);
            return new ExecResult(null, true, combined);
        }
        return new ExecResult(output.exitCode(), false, combined);
    }

    private void killExec(String pid) throws InterruptedException {
        if (!pid.matches("\\d+")) {
            log.warn("Cannot kill a timed-out command in {}: its pid is unknown", name);
            return;
        }
        try {
            engine.exec(name, List.of("/bin/sh", "-c", "kill -KILL " + pid), Map.of(), EXEC_KILL_TIMEOUT, 256);
        } catch (DockerEngineException e) {
            log.warn("Cannot kill timed-out command {} in {}: {}", pid, name, e.getMessage());
        }
    }

    private static String truncate(String text) {
        return text.length() <= EXEC_OUTPUT_LIMIT ? text : text.substring(0, EXEC_OUTPUT_LIMIT);
    }

    /**
     * A container on a bridge or user network is reached at its own address with the
     * container port (what the task listens on); with host networking the port is the
     * host's, on loopback.
     */
    @Override
    public InetSocketAddress probeAddress(int port) {
        try {
            Optional<ContainerDetails> details = engine.inspect(name);
            if (details.isPresent()) {
                String mode = details.get().networkMode();
                String address = details.get().ipAddresses().get(mode);
                if (address == null && "default".equals(mode)) {
                    address = details.get().ipAddresses().get("bridge");
                }
                if (address != null && !address.isBlank() && !"host".equals(mode) && !"none".equals(mode)) {
                    return new InetSocketAddress(address, port);
                }
            }
        } catch (DockerEngineException e) {
            log.debug("Cannot inspect {} for its address: {}", name, e.getMessage());
        }
        return new InetSocketAddress("127.0.0.1", port);
    }

    @Override
    public Optional<ResourceStatistics> statistics() {
        try {
            return engine.stats(name).map(this::toStatistics);
        } catch (DockerEngineException e) {
            log.debug("No statistics for {}: {}", name, e.getMessage());
            return Optional.empty();
        }
    }

    private ResourceStatistics toStatistics(ContainerStats stats) {
        Double cpus = cpusLimit;
        if (cpus == null) {
            cpus = engine.inspect(name).map(ContainerDetails::cpus).orElse(null);
        }
        Long rss = stats.memoryRss();
        if (rss == null && stats.memoryUsage() != null) {
            rss = stats.memoryUsage() - (stats.memoryCache() == null ? 0 : stats.memoryCache());
        }
        double timestamp = clock.millis() / 1000.0;
        return new ResourceStatistics(timestamp, null, stats.pids() == null ? null : stats.pids().intValue(),
                seconds(stats.cpuUserNanos()), seconds(stats.cpuSystemNanos()), cpus, stats.cpuPeriods(),
                stats.cpuThrottledPeriods(), seconds(stats.cpuThrottledNanos()), stats.memoryUsage(), rss,
                stats.memoryLimit(), stats.memoryCache(), stats.networkRxBytes(), stats.networkTxBytes());
    }

    private static Double seconds(Long nanos) {
        return nanos == null ? null : nanos / 1e9;
    }

    @Override
    public Optional<Long> pid() {
        try {
            return engine.inspect(name).map(ContainerDetails::pid);
        } catch (DockerEngineException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "DockerContainerHandle[" + name + "]";
    }
}
