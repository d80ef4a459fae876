package io.mpaas.master.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The calls {@link MesosCallFilter} answers in front of Spring Security and Spring MVC get the
 * same answers as through them. A request with an {@code Authorization} scheme the master ignores
 * ({@code Bearer}) is left to the chain, which makes the comparison possible on one server.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:call-filter;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
    "mesos.master.registry.allow-embedded=true",
    "mesos.master.security.credentials[0].principal=fw",
    "mesos.master.security.credentials[0].secret=fw-secret",
})
class MesosCallFilterHttpTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final String FW = "Basic " + Base64.getEncoder().encodeToString(
            "fw:fw-secret".getBytes(StandardCharsets.UTF_8));
    private static final String IGNORED_SCHEME = "Bearer whatever";

    @LocalServerPort
    int port;

    private HttpResponse<String> post(String path, String contentType, String authorization, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void assertSameAnswer(String path, String contentType, String body, int status) throws Exception {
        HttpResponse<String> filtered = post(path, contentType, FW, body);
        HttpResponse<String> chained = post(path, contentType, IGNORED_SCHEME, body);
        assertThat(filtered.statusCode()).as(body).isEqualTo(status);
        assertThat(chained.statusCode()).as(body).isEqualTo(status);
        assertThat(filtered.body()).as(body).isEqualTo(chained.body()).isNotEmpty();
        assertThat(filtered.headers().firstValue("Content-Type")).as(body)
                .isEqualTo(chained.headers().firstValue("Content-Type"));
    }

    @Test
    void schedulerCallsAreRefusedAsThroughTheChain() throws Exception {
        assertSameAnswer("/api/v1/scheduler", null, "{}", 400);
        assertSameAnswer("/api/v1/scheduler", "text/plain", "{}", 415);
        assertSameAnswer("/api/v1/scheduler", "application/json", "{", 400);
        assertSameAnswer("/api/v1/scheduler", "application/json", "[1]", 400);
        assertSameAnswer("/api/v1/scheduler", "application/json", "null", 400);
        assertSameAnswer("/api/v1/scheduler", "application/json", "{\"type\":\"BOGUS\"}", 400);
        assertSameAnswer("/api/v1/scheduler", "application/json", "{\"type\":7}", 400);
        assertSameAnswer("/api/v1/scheduler", "application/json; charset=utf-8", "{\"type\":\"REVIVE\"}", 400);
        assertSameAnswer("/master/api/v1/scheduler", "application/json",
                "{\"type\":\"ACKNOWLEDGE\",\"framework_id\":{\"value\":\"f\"}}", 400);
    }

    @Test
    void agentCallsAreRefusedAsThroughTheChain() throws Exception {
        assertSameAnswer("/api/v1/agent", null, "{}", 400);
        assertSameAnswer("/api/v1/agent", "text/plain", "{}", 415);
        assertSameAnswer("/api/v1/agent", "application/json", "{\"type\":", 400);
        assertSameAnswer("/api/v1/agent", "application/json", "{\"type\":\"UPDATE\"}", 400);
        assertSameAnswer("/master/api/v1/agent", "application/json",
                "{\"type\":\"UPDATE\",\"agent_id\":{\"value\":\"a\"},\"update\":{}}", 400);
    }

    @Test
    void credentialsAreCheckedAsByTheChain() throws Exception {
        String revive = "{\"type\":\"REVIVE\",\"framework_id\":{\"value\":\"f\"}}";
        // Wrong credentials and malformed Basic headers: the chain's 401 with its challenge.
        for (String authorization : List.of("Basic " + Base64.getEncoder().encodeToString(
                "fw:wrong".getBytes(StandardCharsets.UTF_8)), "Basic !!!", "Basic", "basic Zm9v")) {
            HttpResponse<String> refused = post("/api/v1/scheduler", "application/json", authorization, revive);
            assertThat(refused.statusCode()).as(authorization).isEqualTo(401);
            assertThat(refused.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"mesos\"");
        }
        // No credentials where they are required: the handlers' 401.
        for (String path : List.of("/api/v1/scheduler", "/api/v1/agent")) {
            String body = path.endsWith("agent") ? "{\"type\":\"PONG\",\"agent_id\":{\"value\":\"a\"}}" : revive;
            HttpResponse<String> anonymous = post(path, "application/json", null, body);
            HttpResponse<String> chained = post(path, "application/json", IGNORED_SCHEME, body);
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.body()).isEqualTo(chained.body()).endsWith("authentication is required");
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"mesos\"");
            assertThat(anonymous.headers().firstValue("Content-Type"))
                    .isEqualTo(chained.headers().firstValue("Content-Type"));
        }
        // Lower-case scheme name and valid credentials: accepted as the chain accepts them.
        HttpResponse<String> lowerCase = post("/api/v1/scheduler", "application/json",
                "basic " + FW.substring("Basic ".length()), revive);
        assertThat(lowerCase.statusCode()).isEqualTo(400);
        assertThat(lowerCase.body()).isEqualTo("Framework cannot be found");
    }

    @AfterAll
    static void closeClient() {
        HTTP.close();
    }
}
