package io.mpaas.marathon.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mpaas.testkit.time.MutableClock;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** HTTP callbacks to real local servers; the clock that decides "failing too long" is moved by hand. */
class CallbackDispatcherTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final MutableClock clock = MutableClock.startingAt("2024-05-01T10:00:00Z");
    private final InMemoryEventSubscriptionRepository repository = new InMemoryEventSubscriptionRepository();
    private final CallbackDispatcher dispatcher = new CallbackDispatcher(repository, new EventsProperties(
            Duration.ofSeconds(10), 1024, 4, Duration.ofSeconds(30), 1, Duration.ZERO, Duration.ofMinutes(1),
            Duration.ofSeconds(30)), clock);

    @AfterEach
    void stop() {
        dispatcher.stop();
    }

    private static String deadUrl() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/callback";
        }
    }

    @Test
    void listensOnlyWhileSomeoneIsSubscribed() throws Exception {
        assertThat(dispatcher.isListening()).isFalse();
        try (CallbackServer server = new CallbackServer()) {
            dispatcher.subscribe(server.url());
            assertThat(dispatcher.isListening()).isTrue();
            dispatcher.unsubscribe(server.url());
        }
        assertThat(dispatcher.isListening()).isFalse();
    }

    @Test
    void postsEveryEventAsJsonInOrder() throws Exception {
        try (CallbackServer server = new CallbackServer()) {
            dispatcher.subscribe(server.url());
            dispatcher.offer("a", "{\"n\":1}");
            dispatcher.offer("b", "{\"n\":2}");
            assertThat(server.next(WAIT)).isEqualTo(new CallbackServer.Delivery("application/json", "{\"n\":1}"));
            assertThat(server.next(WAIT)).isEqualTo(new CallbackServer.Delivery("application/json", "{\"n\":2}"));
            assertThat(repository.all()).containsExactly(server.url());
        }
    }

    @Test
    void retriesAFailedPost() throws Exception {
        try (CallbackServer server = new CallbackServer()) {
            AtomicInteger answered = new AtomicInteger();
            server.answer(() -> answered.getAndIncrement() == 0 ? 503 : 200);
            dispatcher.subscribe(server.url());
            dispatcher.offer("a", "{\"n\":1}");
            assertThat(server.next(WAIT).body()).isEqualTo("{\"n\":1}");
            assertThat(server.attempts()).isEqualTo(2);
            assertThat(dispatcher.subscriber(server.url()).orElseThrow().failingSince()).isNull();
        }
    }

    @Test
    void unsubscribesAUrlThatKeepsFailingWhileOthersGetEverything() throws Exception {
        String dead = deadUrl();
        try (CallbackServer live = new CallbackServer()) {
            dispatcher.subscribe(dead);
            dispatcher.subscribe(live.url());
            dispatcher.offer("a", "{\"n\":1}");
            assertThat(live.next(WAIT).body()).isEqualTo("{\"n\":1}");
            await().atMost(WAIT).until(() -> dispatcher.subscriber(dead).orElseThrow().failingSince() != null);
            assertThat(repository.all()).contains(dead);

            clock.advance(Duration.ofSeconds(59));
            dispatcher.offer("a", "{\"n\":2}");
            assertThat(live.next(WAIT).body()).isEqualTo("{\"n\":2}");

            clock.advance(Duration.ofSeconds(1));
            dispatcher.offer("a", "{\"n\":3}");
            assertThat(live.next(WAIT).body()).isEqualTo("{\"n\":3}");
            await().atMost(WAIT).until(() -> dispatcher.subscriber(dead).isEmpty());
            assertThat(repository.all()).containsExactly(live.url());
        }
    }

    @Test
    void aHungSubscriberDelaysNobodyAndDropsWhatItCannotHold() throws Exception {
        try (CallbackServer hung = new CallbackServer().hang(); CallbackServer live = new CallbackServer()) {
            dispatcher.subscribe(hung.url());
            dispatcher.subscribe(live.url());
            for (int i = 0; i < 10; i++) {
                dispatcher.offer("a", "{\"n\":" + i + "}");
                assertThat(live.next(Duration.ofSeconds(5)).body()).isEqualTo("{\"n\":" + i + "}");
            }
            await().atMost(WAIT).until(() -> hung.attempts() == 1);
            assertThat(dispatcher.subscriber(hung.url()).orElseThrow().dropped()).isBetween(5L, 6L);
        }
    }

    @Test
    void unsubscribedUrlsGetNothingMore() throws Exception {
        try (CallbackServer server = new CallbackServer()) {
            dispatcher.subscribe(server.url());
            assertThat(dispatcher.unsubscribe(server.url())).isTrue();
            assertThat(dispatcher.unsubscribe(server.url())).isFalse();
            assertThat(dispatcher.subscriber(server.url())).isEmpty();
            assertThat(repository.all()).isEmpty();
        }
    }

    @Test
    void learnsOfSubscriptionsStoredByAnotherMarathon() throws Exception {
        try (CallbackServer server = new CallbackServer()) {
            dispatcher.start();
            repository.add(server.url());
            dispatcher.offer("a", "{\"n\":1}");
            assertThat(dispatcher.subscriber(server.url())).as("not re-read before the interval").isEmpty();

            clock.advance(Duration.ofSeconds(30));
            dispatcher.offer("a", "{\"n\":2}");
            await().atMost(WAIT).until(() -> dispatcher.subscriber(server.url()).isPresent());
            dispatcher.offer("a", "{\"n\":3}");
            // The refresh runs on its own thread: it may or may not finish before {"n":2} is handed out.
            String first = server.next(WAIT).body();
            String delivered = first.equals("{\"n\":2}") ? server.next(WAIT).body() : first;
            assertThat(delivered).isEqualTo("{\"n\":3}");

            repository.remove(server.url());
            clock.advance(Duration.ofSeconds(30));
            dispatcher.offer("a", "{\"n\":4}");
            await().atMost(WAIT).until(() -> dispatcher.subscriber(server.url()).isEmpty());
        }
    }

    @Test
    void acceptsOnlyAbsoluteHttpUrls() {
        assertThat(CallbackDispatcher.isValidUrl("http://cb.example:9090/events")).isTrue();
        assertThat(CallbackDispatcher.isValidUrl("HTTPS://cb.example/")).isTrue();
        assertThat(CallbackDispatcher.isValidUrl(null)).isFalse();
        assertThat(CallbackDispatcher.isValidUrl(" ")).isFalse();
        assertThat(CallbackDispatcher.isValidUrl("/relative")).isFalse();
        assertThat(CallbackDispatcher.isValidUrl("ftp://cb.example/")).isFalse();
        assertThat(CallbackDispatcher.isValidUrl("http://")).isFalse();
        assertThat(CallbackDispatcher.isValidUrl("http://bad host/")).isFalse();
    }
}
