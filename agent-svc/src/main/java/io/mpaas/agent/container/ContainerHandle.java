package io.mpaas.agent.container;

import io.mpaas.protocol.mesos.ContainerId;
import io.mpaas.protocol.mesos.ResourceStatistics;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** One launched (or recovered) container. Thread-safe; every method may block. */
public interface ContainerHandle {

    ContainerId id();

    /** Blocks until the container has exited (returns at once when it already has). */
    ContainerExit awaitExit() throws InterruptedException;

    /**
     * Asks the container to stop: SIGTERM (Docker: {@code stop} with the grace period), then
     * SIGKILL once {@code grace} has passed. Returns when the container is gone or the kill
     * has been delivered; {@link #awaitExit} then reports the exit with {@code killed} set.
     */
    void kill(Duration grace);

    /**
     * Runs a shell command in the container's context (Docker: {@code exec} inside it; a
     * process: {@code /bin/sh -c} in the sandbox with the task's environment), for COMMAND
     * health checks. A command still running after {@code timeout} is killed and reported
     * as timed out.
     */
    ExecResult exec(String shellCommand, Map<String, String> environment, Duration timeout)
            throws InterruptedException;

    /**
     * Where a HTTP or TCP health check of {@code port} connects: the port as the task sees
     * it (a container port on a BRIDGE network reaches the container's address; host
     * networking and processes use the loopback address).
     */
    InetSocketAddress probeAddress(int port);

    /** CPU and memory use now, when it can be read. */
    Optional<ResourceStatistics> statistics();

    /** The process id of the container's main process, when known (for status updates and /state). */
    Optional<Long> pid();
}
