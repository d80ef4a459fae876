package io.mpaas.marathon.event;

import static io.mpaas.marathon.event.EventsWebApplication.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mpaas.marathon.app.PathId;
import io.mpaas.protocol.marathon.App;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** {@code /v2/events} over real HTTP (Tomcat), byte for byte, with real sockets as clients. */
@SpringBootTest(classes = EventsWebApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"marathon.events.heartbeat-interval=200ms", "marathon.events.max-outstanding-messages=8",
            "spring.threads.virtual.enabled=true"})
class EventStreamHttpTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String ATTACHED = "event: event_stream_attached\ndata: {\"remoteAddress\":\"127.0.0.1\","
            + "\"eventType\":\"event_stream_attached\",\"timestamp\":\"" + NOW + "\"}";

    @LocalServerPort
    int port;

    @Autowired
    EventBus bus;

    @Autowired
    RecordingSink recorded;

    private final List<RawSseClient> clients = new ArrayList<>();

    @BeforeEach
    void noStreamsYet() {
        await().atMost(WAIT).until(() -> bus.streamCount() == 0);
        recorded.clear();
    }

    @AfterEach
    void closeClients() throws Exception {
        for (RawSseClient client : clients) {
            client.close();
        }
        await().atMost(WAIT).until(() -> bus.streamCount() == 0);
    }

    private RawSseClient connect(String pathAndQuery, int receiveBuffer) throws Exception {
        RawSseClient client = RawSseClient.open(port, pathAndQuery, receiveBuffer);
        clients.add(client);
        return client;
    }

    private static String terminated(String appId) {
        return "event: app_terminated_event\ndata: {\"appId\":\"" + appId + "\",\"eventType\":\"app_terminated_event\","
                + "\"timestamp\":\"" + NOW + "\"}";
    }

    @Test
    void streamsEveryEventFramedAsMarathonDoesAttachedFirst() throws Exception {
        RawSseClient client = connect("/v2/events", 0).startReading();
        assertThat(client.status()).isEqualTo(200);
        assertThat(client.headers()).containsEntry("content-type", "text/event-stream");
        assertThat(client.nextEvent(WAIT)).isEqualTo(ATTACHED);

        bus.appTerminated(PathId.of("/prod/web"));
        bus.schedulerDisconnected();
        assertThat(client.nextEvent(WAIT)).isEqualTo(terminated("/prod/web"));
        assertThat(client.nextEvent(WAIT)).isEqualTo("event: scheduler_disconnected_event\ndata: {\"eventType\":"
                + "\"scheduler_disconnected_event\",\"timestamp\":\"" + NOW + "\"}");
        assertThat(recorded.types()).containsExactly("event_stream_attached", "app_terminated_event",
                "scheduler_disconnected_event");
    }

    @Test
    void sendsHeartbeatCommentsWhileIdle() throws Exception {
        RawSseClient client = connect("/v2/events", 0).startReading();
        assertThat(client.nextBlock(WAIT)).isEqualTo(ATTACHED);
        assertThat(client.nextBlock(WAIT)).isEqualTo(":");
        assertThat(client.nextBlock(WAIT)).isEqualTo(":");
    }

    @Test
    void keepsOnlyTheRequestedEventTypes() throws Exception {
        RawSseClient client = connect("/v2/events?event_type=app_terminated_event"
                + "&event_type=scheduler_disconnected_event", 0).startReading();
        await().atMost(WAIT).until(() -> bus.streamCount() == 1);
        bus.removeHealthCheck(PathId.of("/a"));
        bus.appTerminated(PathId.of("/a"));
        bus.schedulerRegistered("fw-1", "m:5050");
        bus.schedulerDisconnected();
        bus.appTerminated(PathId.of("/b"));
        assertThat(client.nextEvent(WAIT)).isEqualTo(terminated("/a"));
        assertThat(client.nextEvent(WAIT)).startsWith("event: scheduler_disconnected_event\n");
        assertThat(client.nextEvent(WAIT)).isEqualTo(terminated("/b"));
    }

    @Test
    void anotherClientsAttachAndDetachReachTheOthers() throws Exception {
        RawSseClient first = connect("/v2/events", 0).startReading();
        assertThat(first.nextEvent(WAIT)).isEqualTo(ATTACHED);
        RawSseClient second = connect("/v2/events", 0).startReading();
        assertThat(second.nextEvent(WAIT)).isEqualTo(ATTACHED);
        assertThat(first.nextEvent(WAIT)).isEqualTo(ATTACHED);

        second.close();
        assertThat(first.nextEvent(WAIT)).isEqualTo("event: event_stream_detached\ndata: {\"remoteAddress\":"
                + "\"127.0.0.1\",\"eventType\":\"event_stream_detached\",\"timestamp\":\"" + NOW + "\"}");
        assertThat(bus.streamCount()).isEqualTo(1);
    }

    @Test
    void aGoneClientIsDetached() throws Exception {
        RawSseClient client = connect("/v2/events", 0).startReading();
        assertThat(client.nextEvent(WAIT)).isEqualTo(ATTACHED);
        client.close();
        await().atMost(WAIT).until(() -> recorded.types().contains("event_stream_detached"));
        assertThat(recorded.jsonOf("event_stream_detached")).containsExactly("{\"remoteAddress\":\"127.0.0.1\","
                + "\"eventType\":\"event_stream_detached\",\"timestamp\":\"" + NOW + "\"}");
        assertThat(bus.streamCount()).isZero();
    }

    @Test
    void refusesAGetThatDoesNotAcceptAnEventStreamWith405() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(WAIT).build();
        for (String accept : new String[] {null, "application/json", "*/*"}) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/events"))
                    .timeout(WAIT);
            if (accept != null) {
                request.header("Accept", accept);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(accept).isEqualTo(405);
            assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
            assertThat(response.body()).isEqualTo("{\"message\":\"HTTP method GET is not supported by this URL\"}");
        }
        assertThat(bus.streamCount()).isZero();
    }

    @Test
    void answersHeadWithTheHeadersOnly() throws Exception {
        HttpResponse<Void> response = HttpClient.newBuilder().connectTimeout(WAIT).build().send(HttpRequest
                .newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/events")).timeout(WAIT)
                .header("Accept", "text/event-stream").method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("text/event-stream");
        assertThat(bus.streamCount()).isZero();
        assertThat(recorded.types()).isEmpty();
    }

    /**
     * A client that stops reading fills its socket, then its queue (8 events here), and is cut off; a client that
     * reads gets every event meanwhile. Events are large so that the kernel's socket buffers fill after a few MB.
     */
    @Test
    void aClientThatStopsReadingIsDisconnectedWithoutHarmingAReadingOne() throws Exception {
        RawSseClient slow = connect("/v2/events", 4096);
        await().atMost(WAIT).until(() -> bus.streamCount() == 1);
        RawSseClient fast = connect("/v2/events", 0).startReading();
        assertThat(fast.nextEvent(WAIT)).isEqualTo(ATTACHED);

        String padding = "x".repeat(64 * 1024);
        List<String> others = new ArrayList<>();
        int published = 0;
        while (bus.streamCount() == 2 && published < 2_000) {
            bus.apiPost("10.0.0.1", "/v2/apps/big", App.withId("/big").toBuilder().cmd(published + padding).build());
            String expected = "\"cmd\":\"" + published + "x";
            String event = fast.nextEvent(WAIT);
            while (!event.startsWith("event: api_post_event\n")) {
                others.add(event);
                event = fast.nextEvent(WAIT);
            }
            assertThat(event).contains(expected);
            published++;
        }
        assertThat(bus.streamCount()).as("the slow client is cut off").isEqualTo(1);
        assertThat(published).isLessThan(2_000);
        bus.appTerminated(PathId.of("/after"));
        for (String event = fast.nextEvent(WAIT); !event.equals(terminated("/after")); event = fast.nextEvent(WAIT)) {
            others.add(event);
        }
        assertThat(others).as("the reading client also learns of the detach").containsExactly(
                "event: event_stream_detached\ndata: {\"remoteAddress\":\"127.0.0.1\",\"eventType\":"
                        + "\"event_stream_detached\",\"timestamp\":\"" + NOW + "\"}");

        // The slow client now reads what reached it: its stream is a prefix of the events, then the response ends.
        List<String> received = slow.startReading().eventsUntilEnd(WAIT);
        assertThat(received.subList(0, 2)).as("its own attach, then the reading client's").containsExactly(ATTACHED,
                ATTACHED);
        List<String> posts = received.subList(2, received.size());
        assertThat(posts.size()).isLessThan(published);
        for (int i = 0; i < posts.size(); i++) {
            assertThat(posts.get(i)).startsWith("event: api_post_event\n").contains("\"cmd\":\"" + i + "x");
        }
    }
}
