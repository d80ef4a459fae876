package io.mpaas.agent.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpProbeTest {

    /** How long a test may take at most; a probe that hangs fails the test instead of the build. */
    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(200);

    private final LocalContainer container = new LocalContainer();
    private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
    /** Holds the handlers that never answer until the test is over. */
    private final CountDownLatch release = new CountDownLatch(1);
    /** Counted down when a request reached a handler that never answers. */
    private final CountDownLatch hanging = new CountDownLatch(1);
    /** The client address of each request to /peer. */
    private final List<InetSocketAddress> peers = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        serve(server);
        server.start();
    }

    @AfterEach
    void stopServer() {
        release.countDown();
        server.stop(0);
        handlers.shutdownNow();
    }

    private void serve(HttpServer on) {
        on.setExecutor(handlers);
        on.createContext("/ok", exchange -> respond(exchange, 200));
        on.createContext("/down", exchange -> respond(exchange, 503));
        on.createContext("/teapot", exchange -> respond(exchange, 418));
        on.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "/down");
            respond(exchange, 302);
        });
        on.createContext("/hang", exchange -> {
            hanging.countDown();
            awaitRelease();
            respond(exchange, 200);
        });
        on.createContext("/stall", exchange -> {
            // Headers promise a body that never comes.
            exchange.sendResponseHeaders(200, 100);
            exchange.getResponseBody().flush();
            hanging.countDown();
            awaitRelease();
            exchange.close();
        });
        on.createContext("/peer", exchange -> {
            peers.add(exchange.getRemoteAddress());
            respond(exchange, 200);
        });
        on.createContext("/query", exchange -> respond(exchange,
                "deep=1".equals(exchange.getRequestURI().getQuery()) ? 200 : 400));
    }

    private static void respond(HttpExchange exchange, int status) throws IOException {
        byte[] body = ("status " + status).getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private void awaitRelease() {
        try {
            release.await(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private int port() {
        return server.getAddress().getPort();
    }

    private HttpProbe probe(String path, Duration timeout, Set<Integer> statuses) {
        return probe("http", port(), path, timeout, statuses);
    }

    private HttpProbe probe(String scheme, int port, String path, Duration timeout, Set<Integer> statuses) {
        return new HttpProbe(new HealthCheckSpec.Http(scheme, port, path, statuses), container, timeout);
    }

    private CheckOutcome run(HttpProbe probe) {
        return assertTimeoutPreemptively(DEADLINE, probe::probe);
    }

    @Test
    void twoHundredIsHealthy() {
        CheckOutcome outcome = run(probe("/ok", TIMEOUT, Set.of()));

        assertThat(outcome).isEqualTo(CheckOutcome.passed("HTTP GET http://127.0.0.1:" + port() + "/ok returned 200"));
    }

    @Test
    void fiveHundredThreeIsUnhealthy() {
        CheckOutcome outcome = run(probe("/down", TIMEOUT, Set.of()));

        assertThat(outcome).isEqualTo(
                CheckOutcome.failed("HTTP GET http://127.0.0.1:" + port() + "/down returned 503"));
    }

    @Test
    void followsRedirectsLikeCurlDashL() {
        CheckOutcome outcome = run(probe("/moved", TIMEOUT, Set.of()));

        assertThat(outcome.healthy()).isFalse();
        assertThat(outcome.message()).endsWith("/moved returned 503");
    }

    @Test
    void statusesGivenByTheTaskReplaceTheDefaultRange() {
        assertThat(run(probe("/teapot", TIMEOUT, Set.of(418))).healthy()).isTrue();
        assertThat(run(probe("/ok", TIMEOUT, Set.of(204))).healthy()).isFalse();
    }

    @Test
    void sendsThePathWithItsQuery() {
        assertThat(run(probe("/query?deep=1", TIMEOUT, Set.of())).healthy()).isTrue();
    }

    @Test
    void eachProbeOpensANewConnectionAsCurlDoes() {
        HttpProbe probe = probe("/peer", TIMEOUT, Set.of());

        run(probe);
        run(probe);

        assertThat(peers).hasSize(2).doesNotHaveDuplicates();
    }

    @Test
    void aClosedPortIsConnectionRefused() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }

        CheckOutcome outcome = run(probe("http", closed, "/", TIMEOUT, Set.of()));

        assertThat(outcome.healthy()).isFalse();
        assertThat(outcome.message()).isEqualTo("HTTP GET http://127.0.0.1:" + closed + "/: connection refused");
    }

    @Test
    void aServerThatNeverAnswersTimesOut() {
        CheckOutcome outcome = run(probe("/hang", SHORT_TIMEOUT, Set.of()));

        assertThat(outcome).isEqualTo(
                CheckOutcome.failed("HTTP GET http://127.0.0.1:" + port() + "/hang: timed out after 200ms"));
    }

    @Test
    void aBodyThatNeverEndsTimesOutToo() {
        CheckOutcome outcome = run(probe("/stall", SHORT_TIMEOUT, Set.of()));

        assertThat(outcome.message()).endsWith("/stall: timed out after 200ms");
    }

    @Test
    void aProbeWithoutTimeoutEndsWhenInterrupted() throws Exception {
        HttpProbe probe = probe("/hang", Duration.ZERO, Set.of());
        CompletableFuture<String> ended = new CompletableFuture<>();
        Thread checker = Thread.ofVirtual().start(() -> {
            try {
                ended.complete("returned " + probe.probe());
            } catch (InterruptedException e) {
                ended.complete("interrupted");
            }
        });
        assertThat(hanging.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();

        checker.interrupt();

        assertThat(ended.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isEqualTo("interrupted");
    }

    @Test
    void httpsAcceptsASelfSignedCertificateForAnotherName(@TempDir Path dir) throws Exception {
        HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(selfSigned(dir, "task.example.invalid")));
        serve(https);
        https.start();
        try {
            int port = https.getAddress().getPort();

            CheckOutcome outcome = run(probe("https", port, "/ok", TIMEOUT, Set.of()));

            assertThat(outcome).isEqualTo(
                    CheckOutcome.passed("HTTP GET https://127.0.0.1:" + port + "/ok returned 200"));
        } finally {
            https.stop(0);
        }
    }

    @Test
    void writesIpv6AddressesInBrackets() throws Exception {
        HttpProbe probe = probe("/ok", TIMEOUT, Set.of());

        assertThat(probe.uri(new InetSocketAddress(InetAddress.getByName("::1"), 8080)))
                .hasToString("http://[0:0:0:0:0:0:0:1]:8080/ok");
    }

    /** A key and certificate made by the JDK's keytool, so that no key material lives in the repository. */
    private static SSLContext selfSigned(Path dir, String name) throws Exception {
        Path keystore = dir.resolve("task.p12");
        char[] password = "changeit".toCharArray();
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "task", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=" + name, "-validity", "2", "-keystore", keystore.toString(), "-storetype", "PKCS12",
                "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true)
                .start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(keytool.exitValue()).as(output).isZero();

        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, password);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }
}
