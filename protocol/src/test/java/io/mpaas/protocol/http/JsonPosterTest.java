package io.mpaas.protocol.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link JsonPoster} against a scripted HTTP/1.1 server on a real socket. */
class JsonPosterTest {

    /** What the server does with a request: the bytes it answers, or null to close the connection unanswered. */
    private ScriptedServer server;
    private JsonPoster poster;

    @AfterEach
    void close() throws IOException {
        if (poster != null) {
            poster.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private JsonPoster posterFor(ScriptedServer s) {
        server = s;
        poster = new JsonPoster("127.0.0.1", s.port(), Duration.ofSeconds(5), Duration.ofSeconds(5));
        return poster;
    }

    private static String answer(int status, String body, String... headers) {
        StringBuilder text = new StringBuilder("HTTP/1.1 " + status + " \r\n");
        for (String header : headers) {
            text.append(header).append("\r\n");
        }
        return text.append("Content-Length: ").append(body.getBytes(StandardCharsets.UTF_8).length).append("\r\n\r\n")
                .append(body).toString();
    }

    @Test
    void postsOverOneKeptAliveConnection() throws Exception {
        JsonPoster p = posterFor(new ScriptedServer((n, request) -> n == 0 ? answer(202, "")
                : answer(400, "Framework cannot be found", "Content-Type: text/plain")));

        JsonPoster.Response accepted = p.post("/api/v1/scheduler", "{\"a\":1}".getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/json", "Authorization", null, "Mesos-Stream-Id", "s-1");
        JsonPoster.Response refused = p.post("/api/v1/scheduler", "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.body()).isEmpty();
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).isEqualTo("Framework cannot be found");
        assertThat(refused.header("content-type")).isEqualTo("text/plain");
        assertThat(server.connections()).hasValue(1);
        assertThat(server.requests().getFirst()).isEqualTo("POST /api/v1/scheduler HTTP/1.1\r\nHost: 127.0.0.1:"
                + server.port() + "\r\nContent-Type: application/json\r\nMesos-Stream-Id: s-1\r\nContent-Length: 7"
                + "\r\n\r\n{\"a\":1}");
        assertThat(p.openConnections()).isEqualTo(1);
    }

    @Test
    void readsChunkedAndConnectionDelimitedBodiesAndSkipsInterimResponses() throws Exception {
        JsonPoster p = posterFor(new ScriptedServer((n, request) -> switch (n) {
            case 0 -> "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nTrailer: x\r\n\r\n";
            default -> "HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\nNo leader elected";
        }));

        assertThat(p.post("/x", new byte[0]).body()).isEqualTo("hello world");
        JsonPoster.Response unavailable = p.post("/x", new byte[0]);

        assertThat(unavailable.status()).isEqualTo(503);
        assertThat(unavailable.body()).isEqualTo("No leader elected");
        await().atMost(Duration.ofSeconds(5)).until(() -> p.openConnections() == 0);
    }

    @Test
    void doesNotReuseAConnectionTheServerCloses() throws Exception {
        JsonPoster p = posterFor(new ScriptedServer((n, request) -> answer(202, "", "Connection: close")));

        p.post("/x", new byte[0]);
        p.post("/x", new byte[0]);

        assertThat(server.connections()).hasValue(2);
    }

    @Test
    void sendsAgainOnAnotherConnectionWhenAKeptAliveOneWasClosedUnanswered() throws Exception {
        // The second request on the first connection is closed unanswered, as an idle connection the
        // server timed out: the poster sends it once more, and only then does the server answer it.
        JsonPoster p = posterFor(new ScriptedServer((n, request) -> n == 1 ? null : answer(202, "")));

        p.post("/x", "1".getBytes(StandardCharsets.UTF_8));
        JsonPoster.Response second = p.post("/x", "2".getBytes(StandardCharsets.UTF_8));

        assertThat(second.status()).isEqualTo(202);
        assertThat(server.connections()).hasValue(2);
        assertThat(server.requests()).hasSize(3);
    }

    @Test
    void failsWhenAFreshConnectionIsClosedUnanswered() {
        JsonPoster p = posterFor(new ScriptedServer((n, request) -> null));

        assertThatThrownBy(() -> p.post("/x", new byte[0])).isInstanceOf(IOException.class)
                .hasMessageContaining("closed before the response");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void closeAbortsAPostInFlight() throws Exception {
        CountDownLatch testOver = new CountDownLatch(1);
        JsonPoster p = posterFor(new ScriptedServer((n, request) -> {
            // Never answers while the test runs.
            try {
                testOver.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        CompletableFuture<Throwable> failure = CompletableFuture.supplyAsync(() -> {
            try {
                p.post("/x", new byte[0]);
                return null;
            } catch (IOException e) {
                return e;
            }
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> server.requests().size() == 1);

        p.close();

        assertThat(failure.get()).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> p.post("/x", new byte[0])).isInstanceOf(IOException.class);
        testOver.countDown();
    }

    @Test
    void refusesHeadersThatWouldSplitTheRequest() {
        JsonPoster p = posterFor(new ScriptedServer((n, request) -> answer(202, "")));

        assertThatThrownBy(() -> p.post("/x", new byte[0], "X-A", "b\r\nX-Evil: 1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p.post("/x", new byte[0], "X A", "b")).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Reads requests (headers and a Content-Length body) on each connection and answers each as the
     * script says, numbering requests across connections.
     */
    private static final class ScriptedServer implements AutoCloseable {

        private final ServerSocket socket;
        private final BiFunction<Integer, String, String> script;
        private final List<String> requests = new CopyOnWriteArrayList<>();
        private final AtomicInteger connections = new AtomicInteger();
        private final List<Socket> accepted = new CopyOnWriteArrayList<>();

        ScriptedServer(BiFunction<Integer, String, String> script) {
            this.script = script;
            try {
                this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            Thread.ofVirtual().start(this::accept);
        }

        int port() {
            return socket.getLocalPort();
        }

        List<String> requests() {
            return requests;
        }

        AtomicInteger connections() {
            return connections;
        }

        private void accept() {
            while (!socket.isClosed()) {
                try {
                    Socket connection = socket.accept();
                    connections.incrementAndGet();
                    accepted.add(connection);
                    Thread.ofVirtual().start(() -> serve(connection));
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void serve(Socket connection) {
            try (connection) {
                InputStream in = new BufferedInputStream(connection.getInputStream());
                while (true) {
                    String request = RawRequests.read(in);
                    if (request == null) {
                        return;
                    }
                    int n;
                    synchronized (requests) {
                        n = requests.size();
                        requests.add(request);
                    }
                    String answer = script.apply(n, request);
                    if (answer == null) {
                        return;
                    }
                    connection.getOutputStream().write(answer.getBytes(StandardCharsets.UTF_8));
                    connection.getOutputStream().flush();
                    if (answer.contains("Connection: close")) {
                        return;
                    }
                }
            } catch (IOException e) {
                // The client went away.
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket s : accepted) {
                s.close();
            }
        }
    }
}
