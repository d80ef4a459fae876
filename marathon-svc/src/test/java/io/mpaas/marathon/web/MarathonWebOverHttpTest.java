package io.mpaas.marathon.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpaas.marathon.app.AppController;
import io.mpaas.marathon.app.AppInfoAssembler;
import io.mpaas.marathon.app.TargetRoots;
import io.mpaas.marathon.deployment.DeploymentController;
import io.mpaas.marathon.fake.FakeDeployer;
import io.mpaas.marathon.fake.FakeFrameworkStatus;
import io.mpaas.marathon.fake.FakeGroupRepository;
import io.mpaas.marathon.fake.FakeInstances;
import io.mpaas.marathon.fake.FakeLeadership;
import io.mpaas.marathon.fake.FakeQueue;
import io.mpaas.marathon.fake.FakeTaskFailures;
import io.mpaas.marathon.fake.RecordingEvents;
import io.mpaas.marathon.group.GroupController;
import io.mpaas.marathon.instance.TaskController;
import io.mpaas.marathon.launch.QueueController;
import io.mpaas.marathon.system.InfoController;
import io.mpaas.marathon.system.LeaderController;
import io.mpaas.marathon.system.MetricsController;
import io.mpaas.marathon.system.PingController;
import io.mpaas.testkit.time.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.XXssProtectionHeaderWriter;

/**
 * The web layer on a real Tomcat behind Spring Security's default firewall: the three spellings of
 * an id survive Tomcat (which rejects {@code %2F} unless told otherwise) and the firewall (which
 * rejects doubled and encoded slashes unless the path is normalized first), and answers keep
 * Marathon's headers. The security chain here only opens everything and keeps Marathon's XSS header,
 * as the real one must.
 */
@SpringBootTest(classes = MarathonWebOverHttpTest.Api.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = "spring.autoconfigure.exclude="
                + "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
                + "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration,"
                + "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration,"
                + "org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration")
class MarathonWebOverHttpTest {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({WebConfiguration.class, MarathonErrorAdvice.class, TargetRoots.class, AppInfoAssembler.class,
            AppController.class, TaskController.class, GroupController.class, DeploymentController.class,
            QueueController.class, InfoController.class, LeaderController.class, PingController.class,
            MetricsController.class})
    static class Api {

        @Bean
        Clock clock() {
            return MutableClock.startingAt("2024-05-01T10:00:00Z");
        }

        @Bean
        FakeGroupRepository groups() {
            return new FakeGroupRepository();
        }

        @Bean
        FakeDeployer deployer(FakeGroupRepository groups, Clock clock) {
            return new FakeDeployer(groups, clock);
        }

        @Bean
        FakeInstances instances(Clock clock) {
            return new FakeInstances(clock);
        }

        @Bean
        FakeQueue queue() {
            return new FakeQueue();
        }

        @Bean
        FakeLeadership leadership() {
            return new FakeLeadership("localhost:8080");
        }

        @Bean
        FakeFrameworkStatus framework() {
            return new FakeFrameworkStatus("fw-1", "localhost:5050");
        }

        @Bean
        RecordingEvents events() {
            return new RecordingEvents();
        }

        @Bean
        FakeTaskFailures failures() {
            return new FakeTaskFailures();
        }

        @Bean
        SecurityFilterChain open(HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                    .csrf(AbstractHttpConfigurer::disable)
                    .headers(headers -> headers.xssProtection(xss -> xss.headerValue(
                            XXssProtectionHeaderWriter.HeaderValue.ENABLED_MODE_BLOCK)))
                    .build();
        }
    }

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
