package io.mpaas.agent.health;

import io.mpaas.agent.container.ContainerHandle;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * A TCP health check: healthy when a connection to the task's port is established within
 * the timeout (Mesos's {@code mesos-tcp-connect}); nothing is sent.
 */
final class TcpProbe implements HealthProbe {

    private final HealthCheckSpec.Tcp target;
    private final ContainerHandle container;
    private final Duration timeout;

    TcpProbe(HealthCheckSpec.Tcp target, ContainerHandle container, Duration timeout) {
        this.target = target;
        this.container = container;
        this.timeout = timeout;
    }

    @Override
    public CheckOutcome probe() throws InterruptedException {
        InetSocketAddress address = container.probeAddress(target.port());
        String what = "TCP connect to " + HealthProbe.hostAndPort(address);
        try (Socket socket = new Socket()) {
            socket.connect(address, connectTimeoutMillis());
            return CheckOutcome.passed(what + " succeeded");
        } catch (SocketTimeoutException e) {
            return CheckOutcome.timedOut(what, timeout);
        } catch (IOException e) {
            // A virtual thread interrupted in connect gets its socket closed and an
            // IOException; that is the checker being stopped, not the task failing.
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("stopped during " + what);
            }
            return CheckOutcome.failed(what, e);
        }
    }

    /** {@link Socket#connect(java.net.SocketAddress, int)} wants int milliseconds, 0 being no limit. */
    private int connectTimeoutMillis() {
        if (timeout.isZero()) {
            return 0;
        }
        return (int) Math.clamp(timeout.toMillis(), 1, Integer.MAX_VALUE);
    }
}
