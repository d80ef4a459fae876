package io.mpaas.protocol.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link StreamingPost} against one-connection servers on real sockets, writing their answers in steps. */
class StreamingPostTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient https = HttpClient.newHttpClient();
    private ServerSocket server;

    @AfterEach
    void close() throws IOException {
        https.close();
        if (server != null) {
            server.close();
        }
    }

    /** Serves one connection: reads the request, then runs {@code answer}; the request is the future's value. */
    private CompletableFuture<String> serveOnce(Answerer answer) throws IOException {
        server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        CompletableFuture<String> request = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (Socket connection = server.accept()) {
                request.complete(RawRequests.read(new BufferedInputStream(connection.getInputStream())));
                answer.answer(connection.getOutputStream());
            } catch (Exception e) {
                request.completeExceptionally(e);
            }
        });
        return request;
    }

    @FunctionalInterface
    private interface Answerer {
        void answer(OutputStream out) throws Exception;
    }

    private URI uri() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/api/v1/scheduler");
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Test
    void readsAChunkedStreamAsItArrivesAndSendsTheHeadersGiven() throws Exception {
        CountDownLatch firstRead = new CountDownLatch(1);
        CompletableFuture<String> request = serveOnce(out -> {
            write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nmesos-stream-id: s-1\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n");
            firstRead.await(5, TimeUnit.SECONDS);
            write(out, "6;ext=1\r\n world\r\n0\r\nTrailer: x\r\n\r\n");
        });

        try (StreamingPost.Answer answer = StreamingPost.open(https, uri(), "{}".getBytes(StandardCharsets.UTF_8),
                TIMEOUT, TIMEOUT, "Content-Type", "application/json", "Authorization", null, "Accept",
                "application/json")) {
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.header("Mesos-Stream-Id")).contains("s-1");
            assertThat(answer.header("content-type")).contains("application/json");
            assertThat(new String(answer.body().readNBytes(5), StandardCharsets.UTF_8)).isEqualTo("hello");
            firstRead.countDown();
            assertThat(new String(answer.body().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(" world");
        }
        assertThat(request.get(5, TimeUnit.SECONDS)).startsWith("POST /api/v1/scheduler HTTP/1.1\r\n")
                .contains("\r\nHost: 127.0.0.1:" + server.getLocalPort() + "\r\n")
                .contains("\r\nContent-Type: application/json\r\n").contains("\r\nContent-Length: 2\r\n")
                .doesNotContain("Authorization").endsWith("\r\n\r\n{}");
    }

    @Test
    void readsABodyDelimitedByTheEndOfTheConnection() throws Exception {
        serveOnce(out -> write(out, "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n3\n{}\n2\n[]"));

        try (StreamingPost.Answer answer = StreamingPost.open(https, uri(), new byte[0], TIMEOUT, TIMEOUT)) {
            assertThat(answer.status()).isEqualTo(200);
            assertThat(new String(answer.body().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("3\n{}\n2\n[]");
        }
    }

    @Test
    void readsARedirectAndAnErrorWithTheirBodies() throws Exception {
        serveOnce(out -> write(out, "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 307 Temporary Redirect\r\n"
                + "Location: //m2:5050/api/v1/scheduler\r\nContent-Length: 4\r\n\r\nmove"));
        try (StreamingPost.Answer answer = StreamingPost.open(https, uri(), new byte[0], TIMEOUT, TIMEOUT)) {
            assertThat(answer.status()).isEqualTo(307);
            assertThat(answer.header("location")).contains("//m2:5050/api/v1/scheduler");
            assertThat(answer.body().readAllBytes()).asString(StandardCharsets.UTF_8).isEqualTo("move");
        }
    }

    @Test
    void closingTheAnswerEndsAReadInProgress() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        serveOnce(out -> {
            write(out, "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n");
            done.await(10, TimeUnit.SECONDS);
        });
        StreamingPost.Answer answer = StreamingPost.open(https, uri(), new byte[0], TIMEOUT, TIMEOUT);
        CompletableFuture<Object> reading = CompletableFuture.supplyAsync(() -> {
            try {
                return answer.body().read();
            } catch (IOException e) {
                return e;
            }
        });
        answer.close();
        assertThat(reading.get(5, TimeUnit.SECONDS)).isInstanceOf(IOException.class);
        done.countDown();
    }

    @Test
    void refusesWhatIsNotHttp() throws Exception {
        serveOnce(out -> write(out, "SSH-2.0-OpenSSH\r\n\r\n"));
        assertThatThrownBy(() -> StreamingPost.open(https, uri(), new byte[0], TIMEOUT, TIMEOUT))
                .isInstanceOf(IOException.class).hasMessageContaining("not an HTTP/1.x status line");
    }

    @Test
    void refusesAMalformedChunk() throws Exception {
        serveOnce(out -> write(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"));
        try (StreamingPost.Answer answer = StreamingPost.open(https, uri(), new byte[0], TIMEOUT, TIMEOUT)) {
            assertThatThrownBy(() -> answer.body().read()).isInstanceOf(IOException.class)
                    .hasMessageContaining("malformed chunk size");
        }
    }
}
