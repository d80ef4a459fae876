package io.mpaas.protocol.agentlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Both ways an agent's calls reach a master (the JDK's HTTP server here), with the same answers. */
class LinkCallsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/agent", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(exchange.getRequestHeaders().getFirst("Mesos-Stream-Id") + " " + body);
            byte[] answer = body.contains("bad") ? "Agent x is not linked".getBytes(StandardCharsets.UTF_8) : new byte[0];
            exchange.sendResponseHeaders(answer.length == 0 ? 202 : 400, answer.length == 0 ? -1 : answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        http.close();
    }

    private URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/agent");
    }

    @Test
    void keptAliveCallsCompleteOnA202AndFailWithTheMastersAnswerOtherwise() throws Exception {
        try (LinkCalls calls = LinkCalls.keptAlive(http)) {
            exchange(calls);
        }
    }

    @Test
    void callsThroughTheJdkClientAnswerTheSame() throws Exception {
        try (LinkCalls calls = LinkCalls.through(http)) {
            exchange(calls);
        }
    }

    private void exchange(LinkCalls calls) throws Exception {
        calls.post(uri(), "{\"type\":\"PONG\"}".getBytes(StandardCharsets.UTF_8), TIMEOUT,
                "Content-Type", "application/json", "Authorization", null, "Mesos-Stream-Id", "s-1")
                .get(5, TimeUnit.SECONDS);
        assertThatThrownBy(() -> calls.post(uri(), "bad".getBytes(StandardCharsets.UTF_8), TIMEOUT,
                "Mesos-Stream-Id", "s-1").get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasMessageContaining("master answered 400: Agent x is not linked");
        assertThat(received).containsExactly("s-1 {\"type\":\"PONG\"}", "s-1 bad");
    }

    @Test
    void aClosedKeptAliveChannelRefusesCalls() {
        LinkCalls calls = LinkCalls.keptAlive(http);
        calls.close();
        assertThat(calls.post(uri(), new byte[0], TIMEOUT)).isCompletedExceptionally();
    }
}
