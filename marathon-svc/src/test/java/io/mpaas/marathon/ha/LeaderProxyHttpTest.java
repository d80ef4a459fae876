package io.mpaas.marathon.ha;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mpaas.marathon.security.MarathonSecurityConfiguration;
import io.mpaas.marathon.security.MarathonSecurityProperties;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A standby with the real filter, Spring Security and Tomcat in front of a leader that is a bare JDK HTTP server
 * recording what reaches it.
 */
class LeaderProxyHttpTest {

    /** What one request to the leader looked like. */
    record Received(String method, String uri, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> String.join(",", e.getValue())).findFirst().orElse(null);
        }
    }

    private static final String BASIC = "Basic " + Base64.getEncoder().encodeToString(
            "ops:s3cret".getBytes(StandardCharsets.UTF_8));

    private static HttpServer leader;
    private static String leaderHostPort;
    private static final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private static final CountDownLatch releaseSlow = new CountDownLatch(1);
    private static ConfigurableApplicationContext standby;
    private static int standbyPort;
    private static SettableLeadership leadership;
    private static final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();

    @SpringBootConfiguration
    @EnableAutoConfiguration(excludeName = {
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
            "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
            "org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration"})
    @EnableConfigurationProperties({LeaderProxyProperties.class, MarathonSecurityProperties.class})
    @Import({LeaderProxyConfiguration.class, MarathonSecurityConfiguration.class, LocalAnswers.class})
    static class Standby {

        @Bean
        SettableLeadership leadership() {
            return new SettableLeadership();
        }

        /** App ids may come percent-encoded ({@code %2Fprod%2Fdb}); Tomcat must let them through as they are. */
        @Bean
        TomcatConnectorCustomizer encodedSlashesPassThrough() {
            return connector -> connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
        }
    }

    /** What the standby answers itself: its own routes and those a leader would serve. */
    @RestController
    static class LocalAnswers {

        @GetMapping("/v2/leader")
        Map<String, String> leader() {
            return Map.of("leader", "answered by the standby");
        }

        @GetMapping("/v2/apps")
        Map<String, String> apps() {
            return Map.of("served", "locally");
        }

        @PostMapping("/v2/apps")
        Map<String, String> create() {
            return Map.of("created", "locally");
        }
    }

    @BeforeAll
    static void start() throws IOException {
        leader = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        leader.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        leader.createContext("/", LeaderProxyHttpTest::answerAsLeader);
        leader.start();
        leaderHostPort = "localhost:" + leader.getAddress().getPort();
        standby = new SpringApplicationBuilder(Standby.class).run(
                "--server.port=0",
                "--spring.main.banner-mode=off",
                "--marathon.leader-proxy.read-timeout=500ms",
                "--marathon.leader-proxy.leader-retries=3",
                "--marathon.leader-proxy.leader-retry-interval=5ms",
                "--marathon.security.users[0].name=ops",
                "--marathon.security.users[0].password=s3cret",
                "--marathon.security.tokens[0]=t0ken");
        standbyPort = ((WebServerApplicationContext) standby).getWebServer().getPort();
        leadership = standby.getBean(SettableLeadership.class);
    }

    @AfterAll
    static void stop() {
        releaseSlow.countDown();
        if (standby != null) {
            standby.close();
        }
        leader.stop(0);
    }

    @BeforeEach
    void standbyOfTheTestLeader() {
        received.clear();
        leadership.reset("localhost:" + standbyPort);
        leadership.follow(leaderHostPort);
    }

    private static void answerAsLeader(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                Map.copyOf(exchange.getRequestHeaders()), body));
        if (exchange.getRequestURI().getPath().equals("/v2/slow")) {
            try {
                releaseSlow.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] answer = "{\"from\":\"leader\"}".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("X-Marathon-Leader", "http://" + leaderHostPort);
        exchange.getResponseHeaders().add("Set-Cookie", "a=1");
        exchange.getResponseHeaders().add("Set-Cookie", "b=2");
        exchange.sendResponseHeaders(201, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    private static HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + standbyPort + pathAndQuery));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aStandbyForwardsTheRequestAndCopiesTheLeadersAnswerBack() throws Exception {
        HttpResponse<String> response = send(request("/v2/apps/%2Fprod%2Fdb?force=true")
                .header("Authorization", BASIC)
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", "10.0.0.9")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"instances\":3}")));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).isEqualTo("{\"from\":\"leader\"}");
        assertThat(response.headers().firstValue("X-Marathon-Leader")).contains("http://" + leaderHostPort);
        assertThat(response.headers().allValues("Set-Cookie")).containsExactly("a=1", "b=2");
        Received forwarded = received.poll(5, TimeUnit.SECONDS);
        assertThat(forwarded).isNotNull();
        assertThat(forwarded.method()).isEqualTo("PUT");
        assertThat(forwarded.uri()).isEqualTo("/v2/apps/%2Fprod%2Fdb?force=true");
        assertThat(forwarded.body()).isEqualTo("{\"instances\":3}");
        assertThat(forwarded.header("Authorization")).as("the leader checks the credentials again").isEqualTo(BASIC);
        assertThat(forwarded.header("Content-Type")).isEqualTo("application/json");
        assertThat(forwarded.header("X-Marathon-Via")).isEqualTo("localhost:" + standbyPort);
        assertThat(forwarded.header("X-Forwarded-For")).isEqualTo("10.0.0.9, 127.0.0.1");
        assertThat(forwarded.header("Content-Length")).isEqualTo("15");
    }

    @Test
    void anAppIdWithARawLeadingSlashIsForwardedAsSpelled() throws Exception {
        HttpResponse<String> response = send(request("/v2/apps//prod/db"));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(received.poll(5, TimeUnit.SECONDS).uri()).isEqualTo("/v2/apps//prod/db");
    }

    @Test
    void aBearerTokenIsCheckedByTheStandbyAndForwarded() throws Exception {
        HttpResponse<String> response = send(request("/v2/apps").header("Authorization", "Bearer t0ken")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(received.poll(5, TimeUnit.SECONDS).header("Authorization")).isEqualTo("Bearer t0ken");
    }

    @Test
    void aStandbyRefusesMissingCredentialsItselfWithoutBotheringTheLeader() throws Exception {
        HttpResponse<String> response = send(request("/v2/apps").POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo("{\"message\":\"Invalid username or password.\"}");
        assertThat(received).isEmpty();
    }

    @Test
    void openReadsAreForwardedWithoutCredentials() throws Exception {
        HttpResponse<String> response = send(request("/ping"));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(received.poll(5, TimeUnit.SECONDS).uri()).isEqualTo("/ping");
    }

    @Test
    void aLoopIsRefusedWith502() throws Exception {
        HttpResponse<String> response = send(request("/v2/apps")
                .header("X-Marathon-Via", "elsewhere:8080, localhost:" + standbyPort));

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.body()).isEqualTo("{\"message\":\"Detected proxying loop.\"}");
        assertThat(received).isEmpty();
    }

    @Test
    void aLeaderThatRefusesTheConnectionMeans503() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        leadership.follow("localhost:" + closedPort);

        HttpResponse<String> response = send(request("/v2/apps"));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).isEqualTo("{\"message\":\"Connection to leader refused.\"}");
    }

    @Test
    void aLeaderThatDoesNotAnswerInTimeMeans504() throws Exception {
        HttpResponse<String> response = send(request("/v2/slow"));

        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(response.body()).isEqualTo("{\"message\":\"Connection to leader timed out.\"}");
    }

    @Test
    void theEventStreamIsRedirectedToTheLeaderWithItsFilters() throws Exception {
        HttpResponse<String> response = send(request("/v2/events?event_type=status_update_event&event_type=x"));

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location"))
                .contains("http://" + leaderHostPort + "/v2/events?event_type=status_update_event&event_type=x");
        assertThat(received).isEmpty();
    }

    @Test
    void withNoLeaderAfterLookingAgainTheAnswerIs503() throws Exception {
        leadership.noLeader();

        HttpResponse<String> response = send(request("/v2/apps"));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).isEqualTo("{\"message\":\"Could not determine the current leader\"}");
        assertThat(leadership.looks.get()).as("the first look and three more").isEqualTo(4);
    }

    @Test
    void aLeaderElectedWhileTheStandbyLooksAgainGetsTheRequest() throws Exception {
        leadership.electedAfter(2, leaderHostPort);

        HttpResponse<String> response = send(request("/v2/apps"));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(received.poll(5, TimeUnit.SECONDS).uri()).isEqualTo("/v2/apps");
    }

    @Test
    void whoLeadsIsAnsweredByTheStandbyItself() throws Exception {
        HttpResponse<String> response = send(request("/v2/leader"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"leader\":\"answered by the standby\"}");
        assertThat(response.headers().firstValue("X-Marathon-Leader")).isEmpty();
        assertThat(received).isEmpty();
    }

    @Test
    void theLeaderServesItselfAndSaysSo() throws Exception {
        leadership.lead();

        HttpResponse<String> response = send(request("/v2/apps"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"served\":\"locally\"}");
        assertThat(response.headers().firstValue("X-Marathon-Leader")).contains("http://localhost:" + standbyPort);
        assertThat(response.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(response.headers().firstValue("X-XSS-Protection")).contains("1; mode=block");
        assertThat(received).isEmpty();
    }
}
