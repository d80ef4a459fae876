package io.mpaas.marathon.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpaas.marathon.fake.FakeCoreApplication;
import io.mpaas.marathon.fake.FakeDeployer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The web layer on a real Tomcat behind Spring Security's default firewall: the three spellings of
 * an id survive Tomcat (which rejects {@code %2F} unless told otherwise) and the firewall (which
 * rejects doubled and encoded slashes unless the path is normalized first), and answers keep
 * Marathon's headers. The security chain of {@link FakeCoreApplication} only opens everything and
 * keeps Marathon's XSS header, as the real one must.
 */
@SpringBootTest(classes = FakeCoreApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = FakeCoreApplication.NO_DATABASE)
class MarathonWebOverHttpTest {

    @LocalServerPort
    int port;

    @Autowired
    FakeDeployer deployer;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @BeforeEach
    void app() throws Exception {
        if (send("GET", "/v2/apps/group/app", null).statusCode() == 404) {
            assertThat(send("POST", "/v2/apps", "{\"id\": \"/group/app\", \"cmd\": \"sleep 1\"}").statusCode())
                    .isEqualTo(201);
        }
        deployer.finishAll();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v2/apps/group/app", "/v2/apps//group/app", "/v2/apps/%2Fgroup%2Fapp",
            "/v2/apps/%2Fgroup%2Fapp/versions", "/v2/apps//group/app/tasks"})
    void everySpellingOfAnIdGetsThrough(String path) throws Exception {
        HttpResponse<String> response = send("GET", path, null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    }

    @Test
    void answersCarryMarathonsHeaders() throws Exception {
        HttpResponse<String> response = send("GET", "/v2/apps/%2Fgroup%2Fapp", null);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-cache, no-store, must-revalidate");
        assertThat(response.headers().firstValue("Pragma")).hasValue("no-cache");
        assertThat(response.headers().firstValue("Expires")).hasValue("0");
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(response.headers().firstValue("X-XSS-Protection")).hasValue("1; mode=block");
    }

    @Test
    void anUnknownRouteIsAJson404() throws Exception {
        HttpResponse<String> response = send("GET", "/v2/unknown", null);
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"message\":\"URI not found\"}");
    }

    @Test
    void aChangeThroughAnEncodedIdWithoutContentType() throws Exception {
        HttpResponse<String> response = send("PUT", "/v2/apps/%2Fgroup%2Fapp", "{\"instances\": 2}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Marathon-Deployment-Id")).isPresent();
        deployer.finishAll();
        assertThat(send("GET", "/metrics", null).body()).startsWith("{\"version\":\"4.0.0\"");
        assertThat(send("GET", "/ping", null).body()).isEqualTo("pong");
    }
}
