package io.mpaas.marathon.event;

import static io.mpaas.marathon.event.EventsWebApplication.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.mpaas.marathon.app.PathId;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** {@code /v2/eventSubscriptions} over real HTTP, with a real callback server receiving the events. */
@SpringBootTest(classes = EventsWebApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"marathon.events.heartbeat-interval=200ms", "marathon.events.max-outstanding-messages=8",
            "spring.threads.virtual.enabled=true"})
class EventSubscriptionHttpTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(WAIT).build();

    @LocalServerPort
    int port;

    @Autowired
    EventBus bus;

    @Autowired
    CallbackDispatcher callbacks;

    @Autowired
    InMemoryEventSubscriptionRepository repository;

    @AfterEach
    void unsubscribeAll() {
        repository.all().forEach(callbacks::unsubscribe);
    }

    private HttpResponse<String> send(String method, String query) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/eventSubscriptions"
                + query)).timeout(WAIT).method(method, HttpRequest.BodyPublishers.noBody()).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String callbackUrl(String url) {
        return "?callbackUrl=" + URLEncoder.encode(url, StandardCharsets.UTF_8);
    }

    private static void assertJson(HttpResponse<String> response, int status, String body) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(response.body()).isEqualTo(body);
    }

    @Test
    void subscribesListsDeliversAndUnsubscribes() throws Exception {
        try (CallbackServer server = new CallbackServer()) {
            String subscribed = "{\"clientIp\":\"127.0.0.1\",\"callbackUrl\":\"" + server.url() + "\",\"eventType\":"
                    + "\"subscribe_event\",\"timestamp\":\"" + NOW + "\"}";
            assertJson(send("POST", callbackUrl(server.url())), 200, subscribed);
            assertJson(send("GET", ""), 200, "{\"callbackUrls\":[\"" + server.url() + "\"]}");

            assertThat(server.next(WAIT)).as("its own subscription comes first")
                    .isEqualTo(new CallbackServer.Delivery("application/json", subscribed));
            bus.appTerminated(PathId.of("/prod/web"));
            assertThat(server.next(WAIT).body()).isEqualTo("{\"appId\":\"/prod/web\",\"eventType\":"
                    + "\"app_terminated_event\",\"timestamp\":\"" + NOW + "\"}");

            assertJson(send("DELETE", callbackUrl(server.url())), 200, "{\"clientIp\":\"127.0.0.1\",\"callbackUrl\":\""
                    + server.url() + "\",\"eventType\":\"unsubscribe_event\",\"timestamp\":\"" + NOW + "\"}");
            assertJson(send("GET", ""), 200, "{\"callbackUrls\":[]}");
            assertThat(callbacks.subscriber(server.url())).isEmpty();
        }
    }

    @Test
    void subscribingTwiceKeepsOneSubscription() throws Exception {
        try (CallbackServer server = new CallbackServer()) {
            send("POST", callbackUrl(server.url()));
            send("POST", callbackUrl(server.url()));
            assertJson(send("GET", ""), 200, "{\"callbackUrls\":[\"" + server.url() + "\"]}");
        }
    }

    @Test
    void unsubscribingAnUnknownUrlAnswersAsMarathonDoes() throws Exception {
        assertJson(send("DELETE", callbackUrl("http://nobody:1/x")), 200, "{\"clientIp\":\"127.0.0.1\","
                + "\"callbackUrl\":\"http://nobody:1/x\",\"eventType\":\"unsubscribe_event\",\"timestamp\":\"" + NOW
                + "\"}");
    }

    @Test
    void refusesAnInvalidCallbackUrl() throws Exception {
        String invalid = "{\"message\":\"Object is not valid\",\"details\":[{\"path\":\"/\",\"errors\":"
                + "[\"URL is not valid\"]}]}";
        assertJson(send("POST", callbackUrl("not a url")), 422, invalid);
        assertJson(send("POST", callbackUrl("ftp://cb/x")), 422, invalid);
        assertJson(send("POST", ""), 422, invalid);
        assertJson(send("DELETE", ""), 400, "{\"message\":\"Query parameter 'callbackUrl' is required\"}");
        assertThat(repository.all()).isEmpty();
    }
}
