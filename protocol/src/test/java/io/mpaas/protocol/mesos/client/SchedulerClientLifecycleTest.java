package io.mpaas.protocol.mesos.client;

import static io.mpaas.protocol.mesos.client.ClientFixture.FRAMEWORK;
import static io.mpaas.protocol.mesos.client.ClientFixture.SETTINGS;
import static io.mpaas.protocol.mesos.client.ClientFixture.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.MasterInfo;
import io.mpaas.protocol.mesos.Offer;
import io.mpaas.protocol.mesos.scheduler.Call;
import io.mpaas.protocol.mesos.scheduler.Event;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Starting, closing and tearing down: no thread, callback or re-subscription outlives the client. */
class SchedulerClientLifecycleTest {

    private final ClientFixture fixture = new ClientFixture();

    @AfterEach
    void closeFixture() throws Exception {
        fixture.close();
    }

    @Test
    void closeEndsEveryThreadOfTheClient() throws Exception {
        FakeMaster master = fixture.master();
        SchedulerClient client = fixture.startedAgainst(master);
        master.awaitStream().subscribed("fw-1", 15).send(Event.HEARTBEAT);
        eventually(() -> assertThat(fixture.listener.log).contains("HEARTBEAT"));
        client.revive(List.of()).join();
        assertThat(fixture.threads.alive()).isNotEmpty();

        client.close();

        eventually(() -> {
            assertThat(fixture.threads.alive()).isEmpty();
            assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                    .noneMatch(name -> name.startsWith("HttpClient-") && name.endsWith("-SelectorManager"));
        });
        assertThat(client.isSubscribed()).isFalse();
        assertThat(client.revive(List.of())).isCompletedExceptionally();
        assertThat(fixture.listener.log).doesNotContain("DISCONNECTED STREAM_ENDED");
        client.close();
    }

    @Test
    void closeWhileWaitingToRetryIsPromptAndSilent() throws Exception {
        FakeMaster master = fixture.master();
        master.answerNextSubscribe(403, "Framework is not authorized");
        SchedulerClient client = fixture.client(MasterLocator.of(List.of(master.uri())),
                SETTINGS.withBackoff(SETTINGS.minBackoff(), java.time.Duration.ofMinutes(10)), Clock.systemUTC());
        client.start(FRAMEWORK);
        eventually(() -> assertThat(fixture.listener.failures).hasSize(1));

        long started = System.nanoTime();
        client.close();

        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(1000);
        eventually(() -> assertThat(fixture.threads.alive()).isEmpty());
        assertThat(master.subscribes()).hasSize(1);
    }

    @Test
    void aCallbackMayCloseTheClient() throws Exception {
        FakeMaster master = fixture.master();
        AtomicReference<SchedulerClient> self = new AtomicReference<>();
        RecordingListener closing = new RecordingListener() {
            @Override
            public void onSubscribed(FrameworkId frameworkId, MasterInfo info, boolean reconnect) {
                super.onSubscribed(frameworkId, info, reconnect);
                self.get().close();
            }
        };
        TrackingThreadFactory threads = new TrackingThreadFactory();
        SchedulerClient client = new SchedulerClient(MasterLocator.of(List.of(master.uri())), closing, SETTINGS,
                Clock.systemUTC(), threads);
        self.set(client);
        client.start(FRAMEWORK);

        master.awaitStream().subscribed("fw-1", 15).send(Event.offers(List.<Offer>of()));

        eventually(() -> assertThat(threads.alive()).isEmpty());
        assertThat(closing.log).containsExactly("SUBSCRIBED fw-1 new");
        client.close();
    }

    @Test
    void aCallsCompletionMayCloseTheClientPromptly() throws Exception {
        FakeMaster master = fixture.master();
        SchedulerClient client = fixture.startedAgainst(master);
        master.awaitStream().subscribed("fw-1", 15);
        eventually(() -> assertThat(client.isSubscribed()).isTrue());

        master.holdCalls();
        AtomicReference<Thread> closedOn = new AtomicReference<>();
        CompletableFuture<Void> closed = client.revive(List.of()).thenRun(() -> {
            closedOn.set(Thread.currentThread());
            client.close();
        });
        master.awaitCall();

        long started = System.nanoTime();
        master.answerHeldCalls();
        closed.join();

        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(1000);
        assertThat(closedOn.get().getName()).as("an HTTP completion thread").startsWith("test-scheduler-");
        eventually(() -> assertThat(fixture.threads.alive()).isEmpty());
    }

    @Test
    void teardownRemovesTheFrameworkThenCloses() throws Exception {
        FakeMaster master = fixture.master();
        SchedulerClient client = fixture.startedAgainst(master);
        FakeMaster.Stream stream = master.awaitStream().subscribed("fw-1", 15);
        eventually(() -> assertThat(client.isSubscribed()).isTrue());

        CompletableFuture<Void> teardown = client.teardown();
        FakeMaster.Received call = master.awaitCall();
        stream.end();
        teardown.join();

        assertThat(call.call().type()).isEqualTo(Call.Type.TEARDOWN);
        assertThat(call.call().frameworkId()).isEqualTo(FrameworkId.of("fw-1"));
        assertThat(call.header("Mesos-Stream-Id")).isEqualTo(stream.streamId);
        eventually(() -> assertThat(fixture.threads.alive()).isEmpty());
        assertThat(master.subscribes()).hasSize(1);
        assertThat(fixture.listener.log).containsExactly("SUBSCRIBED fw-1 new");
    }

    @Test
    void aClientStartsOnce() throws Exception {
        FakeMaster master = fixture.master();
        SchedulerClient client = fixture.startedAgainst(master);

        assertThatThrownBy(() -> client.start(FRAMEWORK)).isInstanceOf(IllegalStateException.class);
        client.close();
        assertThatThrownBy(() -> client.start(FRAMEWORK)).isInstanceOf(IllegalStateException.class);
    }
}
