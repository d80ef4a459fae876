package io.mpaas.agent.task;

import io.mpaas.agent.container.ContainerExit;
import io.mpaas.agent.container.ContainerHandle;
import io.mpaas.agent.container.ExecResult;
import io.mpaas.protocol.mesos.ContainerId;
import io.mpaas.protocol.mesos.ResourceStatistics;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * Stands in for the container of a recovered task whose containerizer could not be asked when the agent
 * restarted (the Docker engine down or itself restarting). Mesos reports such tasks lost at once, although their
 * containers usually run on; here the task keeps its last reported state, and once the containerizer answers
 * again the container is either {@link #found} (everything is passed on to it from then on, including a kill
 * asked for meanwhile) or declared {@link #vanished} (then {@link #awaitExit} throws {@link Vanished} and the task
 * is reported lost).
 */
final class AwaitedContainer implements ContainerHandle {

    /** The container was not there when the containerizer could be asked again, or never could be. */
    static final class Vanished extends RuntimeException {
        Vanished(String message) {
            super(message);
        }
    }

    private final ContainerId id;
    private final CountDownLatch settled = new CountDownLatch(1);
    private ContainerHandle container;
    private String vanished;
    private Duration pendingKill;

    AwaitedContainer(ContainerId id) {
        this.id = id;
    }

    /** The container was recovered: from now on this is only a window onto it. */
    void found(ContainerHandle recovered) {
        Duration kill;
        synchronized (this) {
            container = recovered;
            kill = pendingKill;
        }
        settled.countDown();
        if (kill != null) {
            recovered.kill(kill);
        }
    }

    /** The container is gone (or cannot be looked for any more): the task ends as lost, saying {@code why}. */
    void vanished(String why) {
        synchronized (this) {
            vanished = why;
        }
        settled.countDown();
    }

    private synchronized ContainerHandle container() {
        return container;
    }

    @Override
    public ContainerId id() {
        return id;
    }

    @Override
    public ContainerExit awaitExit() throws InterruptedException {
        settled.await();
        ContainerHandle found = container();
        if (found == null) {
            throw new Vanished(vanishedReason());
        }
        return found.awaitExit();
    }

    private synchronized String vanishedReason() {
        return vanished;
    }

    /** Passed on at once when the container is known; otherwise kept and passed on when it is found. */
    @Override
    public void kill(Duration grace) {
        ContainerHandle found;
        synchronized (this) {
            found = container;
            if (found == null && vanished == null) {
                pendingKill = grace;
                return;
            }
        }
        if (found != null) {
            found.kill(grace);
        }
    }

    @Override
    public ExecResult exec(String shellCommand, Map<String, String> environment, Duration timeout)
            throws InterruptedException {
        ContainerHandle found = container();
        return found == null ? new ExecResult(null, false, "the task's container is not recovered yet")
                : found.exec(shellCommand, environment, timeout);
    }

    @Override
    public InetSocketAddress probeAddress(int port) {
        ContainerHandle found = container();
        return found == null ? new InetSocketAddress(InetAddress.getLoopbackAddress(), port)
                : found.probeAddress(port);
    }

    @Override
    public Optional<ResourceStatistics> statistics() {
        ContainerHandle found = container();
        return found == null ? Optional.empty() : found.statistics();
    }

    @Override
    public Optional<Long> pid() {
        ContainerHandle found = container();
        return found == null ? Optional.empty() : found.pid();
    }
}
