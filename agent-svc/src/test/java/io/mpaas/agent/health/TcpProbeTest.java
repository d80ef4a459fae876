package io.mpaas.agent.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class TcpProbeTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(200);

    private final LocalContainer container = new LocalContainer();
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeSockets() throws Exception {
        for (AutoCloseable closeable : open.reversed()) {
            closeable.close();
        }
    }

    private ServerSocket listening(int backlog) throws IOException {
        ServerSocket server = new ServerSocket(0, backlog, InetAddress.getLoopbackAddress());
        open.add(server);
        return server;
    }

    private CheckOutcome probe(int port, Duration timeout) {
        TcpProbe probe = new TcpProbe(new HealthCheckSpec.Tcp(port), container, timeout);
        return assertTimeoutPreemptively(DEADLINE, probe::probe);
    }

    @Test
    void aListeningPortIsHealthy() throws IOException {
        int port = listening(50).getLocalPort();

        assertThat(probe(port, Duration.ofSeconds(10)))
                .isEqualTo(CheckOutcome.passed("TCP connect to 127.0.0.1:" + port + " succeeded"));
    }

    @Test
    void aClosedPortIsConnectionRefused() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }

        assertThat(probe(port, Duration.ofSeconds(10)))
                .isEqualTo(CheckOutcome.failed("TCP connect to 127.0.0.1:" + port + ": connection refused"));
    }

    @Test
    void aPortThatNeverCompletesTheHandshakeTimesOut() throws IOException {
        ServerSocket server = unanswering();

        assertThat(probe(server.getLocalPort(), SHORT_TIMEOUT)).isEqualTo(CheckOutcome.failed(
                "TCP connect to 127.0.0.1:" + server.getLocalPort() + ": timed out after 200ms"));
    }

    @Test
    void aConnectWithoutTimeoutEndsWhenInterrupted() throws Exception {
        TcpProbe probe = new TcpProbe(new HealthCheckSpec.Tcp(unanswering().getLocalPort()), container, Duration.ZERO);
        CompletableFuture<String> ended = new CompletableFuture<>();
        Thread checker = Thread.ofVirtual().start(() -> {
            try {
                ended.complete("returned " + probe.probe());
            } catch (InterruptedException e) {
                ended.complete("interrupted");
            }
        });

        checker.interrupt();

        assertThat(ended.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isEqualTo("interrupted");
    }

    /**
     * A listening port whose accept queue is full: nobody accepts, so the kernel drops further
     * SYNs and a connect neither succeeds nor is refused.
     */
    private ServerSocket unanswering() throws IOException {
        ServerSocket server = listening(1);
        for (int i = 0; i < 16; i++) {
            Socket filler = new Socket();
            open.add(filler);
            try {
                filler.connect(server.getLocalSocketAddress(), (int) SHORT_TIMEOUT.toMillis());
            } catch (SocketTimeoutException e) {
                return server;
            }
        }
        Assumptions.abort("this kernel answers connects beyond the backlog");
        return server;
    }
}
