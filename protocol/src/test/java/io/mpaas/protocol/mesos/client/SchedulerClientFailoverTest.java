package io.mpaas.protocol.mesos.client;

import static io.mpaas.protocol.mesos.client.ClientFixture.FRAMEWORK;
import static io.mpaas.protocol.mesos.client.ClientFixture.SETTINGS;
import static io.mpaas.protocol.mesos.client.ClientFixture.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.OfferId;
import io.mpaas.protocol.mesos.scheduler.Call;
import io.mpaas.protocol.mesos.scheduler.Event;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Finding the leader, retrying, and coming back after the stream is lost. */
class SchedulerClientFailoverTest {

    private final ClientFixture fixture = new ClientFixture();

    @AfterEach
    void closeFixture() throws Exception {
        fixture.close();
    }

    @Test
    void followsAStandbysRedirectToTheLeaderAndCallsTheLeader() throws Exception {
        FakeMaster standby = fixture.master();
        FakeMaster leader = fixture.master();
        standby.redirectNextSubscribeTo(leader);
        SchedulerClient client = fixture.startedAgainst(standby);

        FakeMaster.Stream stream = leader.awaitStream().subscribed("fw-1", 15);
        eventually(() -> assertThat(client.isSubscribed()).isTrue());
        client.revive(List.of()).join();

        assertThat(standby.subscribes()).hasSize(1);
        assertThat(client.subscription().orElseThrow().master()).isEqualTo(leader.uri());
        FakeMaster.Received revive = leader.awaitCall();
        assertThat(revive.call().type()).isEqualTo(Call.Type.REVIVE);
        assertThat(revive.header("Mesos-Stream-Id")).isEqualTo(stream.streamId);
        assertThat(standby.pendingCalls()).isEmpty();
    }

    @Test
    void retriesAMasterThatIsNotReady() throws Exception {
        FakeMaster master = fixture.master();
        master.answerNextSubscribe(503, "Master has not finished recovery");
        fixture.startedAgainst(master);

        master.awaitStream().subscribed("fw-1", 15);

        eventually(() -> assertThat(fixture.listener.log).containsExactly("FAILED UNAVAILABLE 503",
                "SUBSCRIBED fw-1 new"));
        assertThat(fixture.listener.failures.getFirst().detail()).isEqualTo("Master has not finished recovery");
        assertThat(master.subscribes()).hasSize(2);
    }

    @Test
    void reportsARejectionWithItsBodyAndRetriesOnlyAfterTheLongestBackoff() throws Exception {
        FakeMaster master = fixture.master();
        master.answerNextSubscribe(401, "Unauthorized: bad credentials");
        fixture.startedAgainst(master);

        master.awaitStream();

        SubscriptionFailure failure = fixture.listener.failures.getFirst();
        assertThat(failure.kind()).isEqualTo(SubscriptionFailure.Kind.REJECTED);
        assertThat(failure.status()).isEqualTo(401);
        assertThat(failure.detail()).isEqualTo("Unauthorized: bad credentials");
        assertThat(failure.retryIn()).isBetween(SETTINGS.maxBackoff().dividedBy(2), SETTINGS.maxBackoff());
    }

    @Test
    void movesToTheNextConfiguredMasterWhenOneIsUnreachable() throws Exception {
        URI dead;
        try (ServerSocket closedAgain = new ServerSocket(0)) {
            dead = URI.create("http://127.0.0.1:" + closedAgain.getLocalPort());
        }
        FakeMaster live = fixture.master();
        SchedulerClient client = fixture.client(MasterLocator.of(List.of(dead, live.uri())), SETTINGS,
                Clock.systemUTC());
        client.start(FRAMEWORK);

        live.awaitStream().subscribed("fw-1", 15);

        eventually(() -> assertThat(fixture.listener.log).containsExactly("FAILED UNREACHABLE 0",
                "SUBSCRIBED fw-1 new"));
        assertThat(fixture.listener.failures.getFirst().master()).isEqualTo(dead);
    }

    @Test
    void reportsNoMasterAndAsksTheDetectorAgain() throws Exception {
        FakeMaster master = fixture.master();
        List<URI> answers = new java.util.concurrent.CopyOnWriteArrayList<>();
        SchedulerClient client = fixture.client(MasterLocator.detectedBy(() -> answers.stream().findFirst()),
                SETTINGS, Clock.systemUTC());
        client.start(FRAMEWORK);
        eventually(() -> assertThat(fixture.listener.failures).isNotEmpty());

        answers.add(master.uri());

        master.awaitStream().subscribed("fw-1", 15);
        eventually(() -> assertThat(client.isSubscribed()).isTrue());
        assertThat(fixture.listener.failures).extracting(SubscriptionFailure::kind)
                .containsOnly(SubscriptionFailure.Kind.NO_MASTER);
    }

    @Test
    void resubscribesWithTheFrameworkIdWhenTheStreamEnds() throws Exception {
        FakeMaster master = fixture.master();
        SchedulerClient client = fixture.startedAgainst(master);
        FakeMaster.Stream first = master.awaitStream().subscribed("fw-1", 15);
        eventually(() -> assertThat(client.isSubscribed()).isTrue());

        first.end();

        FakeMaster.Stream second = master.awaitStream();
        Call resubscribe = second.subscribe.call();
        assertThat(resubscribe.frameworkId()).isEqualTo(FrameworkId.of("fw-1"));
        assertThat(resubscribe.subscribe().frameworkInfo().id()).isEqualTo(FrameworkId.of("fw-1"));
        second.subscribed("fw-1", 15);
        eventually(() -> assertThat(fixture.listener.log).containsExactly("SUBSCRIBED fw-1 new",
                "DISCONNECTED STREAM_ENDED", "SUBSCRIBED fw-1 reconnect"));
        client.decline(List.of(OfferId.of("o-1")), null).join();
        assertThat(master.awaitCall().header("Mesos-Stream-Id")).isEqualTo(second.streamId);
        assertThat(second.streamId).isNotEqualTo(first.streamId);
    }

    @Test
    void resubscribesWhenTheMasterGoesSilentForFiveHeartbeats() throws Exception {
        FakeMaster master = fixture.master();
        fixture.startedAgainst(master);
        Instant subscribedAt = Instant.now();

        master.awaitStream().subscribed("fw-1", 0.1);

        FakeMaster.Stream second = master.awaitStream();
        assertThat(Duration.between(subscribedAt, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(450));
        assertThat(second.subscribe.call().frameworkId()).isEqualTo(FrameworkId.of("fw-1"));
        eventually(() -> assertThat(fixture.listener.disconnections).singleElement()
                .extracting(Disconnection::cause).isEqualTo(Disconnection.Cause.HEARTBEAT_MISSED));
    }

    @Test
    void theWatchdogReadsTheInjectedClockAndEveryEventRearmsIt() throws Exception {
        FakeMaster master = fixture.master();
        MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
        SchedulerClient client = fixture.client(MasterLocator.of(List.of(master.uri())), SETTINGS, clock);
        client.start(FRAMEWORK);
        FakeMaster.Stream stream = master.awaitStream().subscribed("fw-1", 15);
        eventually(() -> assertThat(client.isSubscribed()).isTrue());

        // 70 s of silence is within 5 × 15 s; then a heartbeat rearms the watchdog for another 75 s.
        clock.advance(Duration.ofSeconds(70));
        stream.send(Event.HEARTBEAT);
        eventually(() -> assertThat(fixture.listener.log).contains("HEARTBEAT"));
        clock.advance(Duration.ofSeconds(70));
        // Proving that nothing happens takes a wait: three watchdog polls without a re-subscription.
        await().during(Duration.ofMillis(3 * SubscriptionLoop.WATCHDOG_POLL.toMillis()))
                .atMost(FakeMaster.WAIT).until(client::isSubscribed);
        assertThat(master.subscribes()).hasSize(1);

        clock.advance(Duration.ofSeconds(6));

        FakeMaster.Stream second = master.awaitStream();
        assertThat(second.subscribe.call().frameworkId()).isEqualTo(FrameworkId.of("fw-1"));
        assertThat(fixture.listener.disconnections).singleElement().satisfies(d -> {
            assertThat(d.cause()).isEqualTo(Disconnection.Cause.HEARTBEAT_MISSED);
            assertThat(d.detail()).contains("75000 ms");
        });
    }

    @Test
    void anErrorEventIsReportedAndLeadsToANewSubscription() throws Exception {
        FakeMaster master = fixture.master();
        fixture.startedAgainst(master);
        master.awaitStream().subscribed("fw-1", 15).send(Event.error("Framework failed over"));

        FakeMaster.Stream second = master.awaitStream();

        assertThat(second.subscribe.call().frameworkId()).isEqualTo(FrameworkId.of("fw-1"));
        eventually(() -> assertThat(fixture.listener.log).containsExactly("SUBSCRIBED fw-1 new",
                "ERROR Framework failed over", "DISCONNECTED ERROR_EVENT"));
    }

    @Test
    void anErrorInsteadOfSubscribedIsASubscriptionFailure() throws Exception {
        FakeMaster master = fixture.master();
        fixture.startedAgainst(master);
        master.awaitStream().send(Event.error("Framework has been removed"));

        master.awaitStream().subscribed("fw-2", 15);

        eventually(() -> assertThat(fixture.listener.log).containsExactly("ERROR Framework has been removed",
                "FAILED ERROR_EVENT 200", "SUBSCRIBED fw-2 new"));
        assertThat(fixture.listener.failures.getFirst().detail()).contains("Framework has been removed");
    }
}
