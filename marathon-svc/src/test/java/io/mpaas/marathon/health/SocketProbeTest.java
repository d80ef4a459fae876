package io.mpaas.marathon.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.mpaas.protocol.marathon.HealthCheck;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SocketProbeTest {

    private static final String HOST = "127.0.0.1";

    private final SocketProbe probe = new SocketProbe();
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/status/", exchange -> {
            int status = Integer.parseInt(exchange.getRequestURI().getPath().substring("/status/".length()));
            respond(exchange, status);
        });
        server.createContext("/slow", exchange -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(exchange, 200);
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        release.countDown();
        server.stop(0);
    }

    private static void respond(HttpExchange exchange, int status) throws IOException {
        if (status == 302) {
            exchange.getResponseHeaders().add("Location", "/elsewhere");
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private int port() {
        return server.getAddress().getPort();
    }

    static MarathonHealthCheck check(MarathonHealthCheck.Protocol protocol, String path, Duration timeout,
            boolean ignoreHttp1xx) {
        HealthCheck definition = new HealthCheck(protocol.name(), path, 0, null, null, 0, 1, 1, 3, ignoreHttp1xx,
                null, null);
        return new MarathonHealthCheck(0, definition, protocol, path, 0, null, Duration.ZERO, Duration.ofSeconds(1),
                timeout, 3, ignoreHttp1xx);
    }

    private static MarathonHealthCheck http(String path) {
        return check(MarathonHealthCheck.Protocol.HTTP, path, Duration.ofSeconds(5), false);
    }

    @ParameterizedTest(name = "HTTP {0} is healthy")
    @CsvSource({"200", "204", "302", "399"})
    void statusesFrom200To399AreHealthy(int status) {
        assertThat(probe.probe(http("/status/" + status), HOST, port())).isEqualTo(Outcome.HEALTHY);
    }

    @ParameterizedTest(name = "HTTP {0} fails with cause \"{1}\"")
    @CsvSource({"500, 500 Internal Server Error", "404, 404 Not Found", "503, 503 Service Unavailable",
            "400, 400 Bad Request"})
    void otherStatusesFailWithTheStatusLineAsCause(int status, String cause) {
        assertThat(probe.probe(http("/status/" + status), HOST, port())).isEqualTo(new Outcome.Unhealthy(cause));
    }

    @Test
    void informationalAnswerFailsUnlessIgnored() {
        MarathonHealthCheck counted = check(MarathonHealthCheck.Protocol.HTTP, "/status/102", Duration.ofSeconds(5),
                false);
        MarathonHealthCheck ignored = check(MarathonHealthCheck.Protocol.HTTP, "/status/102", Duration.ofSeconds(5),
                true);

        assertThat(probe.probe(counted, HOST, port())).isEqualTo(new Outcome.Unhealthy("102"));
        assertThat(probe.probe(ignored, HOST, port())).isInstanceOf(Outcome.Ignored.class);
    }

    @Test
    void anInterimAnswerFollowedByAFinalOneCountsTheFinalOne() throws IOException {
        try (ServerSocket raw = rawServer("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")) {
            MarathonHealthCheck ignoring = check(MarathonHealthCheck.Protocol.HTTP, "/", Duration.ofSeconds(5), true);

            assertThat(probe.probe(ignoring, HOST, raw.getLocalPort())).isEqualTo(Outcome.HEALTHY);
        }
    }

    @Test
    void anAnswerThatIsNotHttpFails() throws IOException {
        try (ServerSocket raw = rawServer("SSH-2.0-OpenSSH_9.6\r\n")) {
            Outcome outcome = probe.probe(http("/"), HOST, raw.getLocalPort());

            assertThat(outcome).isEqualTo(new Outcome.Unhealthy("Not an HTTP answer: SSH-2.0-OpenSSH_9.6"));
        }
    }

    @Test
    void aSlowAnswerFailsAfterTheTimeout() {
        MarathonHealthCheck check = check(MarathonHealthCheck.Protocol.HTTP, "/slow", Duration.ofMillis(300), false);
        long started = System.nanoTime();

        Outcome outcome = probe.probe(check, HOST, port());

        assertThat(outcome).isEqualTo(new Outcome.Unhealthy("Timed out after 300 ms"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aClosedPortIsRefusedForHttpAndTcp() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        MarathonHealthCheck tcp = check(MarathonHealthCheck.Protocol.TCP, "/", Duration.ofSeconds(2), false);

        assertThat(probe.probe(http("/"), HOST, closed)).isEqualTo(new Outcome.Unhealthy("Connection refused"));
        assertThat(probe.probe(tcp, HOST, closed)).isEqualTo(new Outcome.Unhealthy("Connection refused"));
    }

    @Test
    void tcpIsHealthyWhenTheConnectSucceeds() throws IOException {
        try (ServerSocket listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            MarathonHealthCheck tcp = check(MarathonHealthCheck.Protocol.TCP, "/", Duration.ofSeconds(2), false);

            assertThat(probe.probe(tcp, HOST, listening.getLocalPort())).isEqualTo(Outcome.HEALTHY);
        }
    }

    @Test
    void unknownHostFails() {
        assertThat(probe.probe(http("/"), "no-such-host.invalid", 80))
                .isEqualTo(new Outcome.Unhealthy("Unknown host no-such-host.invalid"));
    }

    @Test
    void httpsTrustsASelfSignedCertificateForAnotherName() throws Exception {
        HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(selfSigned()));
        https.createContext("/status/", exchange -> respond(exchange,
                Integer.parseInt(exchange.getRequestURI().getPath().substring("/status/".length()))));
        https.start();
        try {
            int port = https.getAddress().getPort();
            Duration timeout = Duration.ofSeconds(5);

            assertThat(probe.probe(check(MarathonHealthCheck.Protocol.HTTPS, "/status/200", timeout, false),
                    HOST, port)).isEqualTo(Outcome.HEALTHY);
            assertThat(probe.probe(check(MarathonHealthCheck.Protocol.HTTPS, "/status/500", timeout, false),
                    HOST, port)).isEqualTo(new Outcome.Unhealthy("500 Internal Server Error"));
        } finally {
            https.stop(0);
        }
    }

    static SSLContext selfSigned() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = SocketProbeTest.class.getResourceAsStream("self-signed.p12")) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    /** A server that answers one connection with {@code answer} once the request head arrived. */
    private static ServerSocket rawServer(String answer) throws IOException {
        ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            try (Socket socket = server.accept()) {
                InputStream in = socket.getInputStream();
                int matched = 0;
                byte[] end = "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
                while (matched < end.length) {
                    int b = in.read();
                    if (b < 0) {
                        return;
                    }
                    matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
                }
                socket.getOutputStream().write(answer.getBytes(StandardCharsets.ISO_8859_1));
            } catch (IOException closed) {
                // The test is over.
            }
        });
        return server;
    }
}
