package io.mpaas.protocol.mesos.client;

import static io.mpaas.protocol.mesos.client.ClientFixture.CREDENTIAL;
import static io.mpaas.protocol.mesos.client.ClientFixture.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.ExecutorId;
import io.mpaas.protocol.mesos.Filters;
import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.Offer;
import io.mpaas.protocol.mesos.OfferId;
import io.mpaas.protocol.mesos.Resource;
import io.mpaas.protocol.mesos.TaskId;
import io.mpaas.protocol.mesos.TaskState;
import io.mpaas.protocol.mesos.TaskStatus;
import io.mpaas.protocol.mesos.scheduler.Call;
import io.mpaas.protocol.mesos.scheduler.Event;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Subscribing, receiving events and making calls against one fake master. */
class SchedulerClientTest {

    private static final String UUID = "q83vEjRWeJCrze8SNFZ4kA==";

    private final ClientFixture fixture = new ClientFixture();

    @AfterEach
    void closeFixture() throws Exception {
        fixture.close();
    }

    @Test
    void subscribesWithJsonHeadersAndCredentials() throws Exception {
        FakeMaster master = fixture.master();
        fixture.startedAgainst(master);

        FakeMaster.Received subscribe = master.awaitStream().subscribe;

        assertThat(subscribe.call().type()).isEqualTo(Call.Type.SUBSCRIBE);
        assertThat(subscribe.call().frameworkId()).isNull();
        assertThat(subscribe.call().subscribe().frameworkInfo()).isEqualTo(ClientFixture.FRAMEWORK);
        assertThat(subscribe.header("Content-Type")).isEqualTo("application/json");
        assertThat(subscribe.header("Accept")).isEqualTo("application/json");
        assertThat(subscribe.header("Authorization")).isEqualTo(CREDENTIAL.authorization())
                .isEqualTo("Basic bWFyYXRob246czNjcmV0");
        assertThat(subscribe.header("Mesos-Stream-Id")).isNull();
        assertThat(subscribe.body()).doesNotContain("\n").startsWith("{\"type\":\"SUBSCRIBE\"");
    }

    @Test
    void deliversEventsInOrderOnOneThread() throws Exception {
        FakeMaster master = fixture.master();
        SchedulerClient client = fixture.startedAgainst(master);
        FakeMaster.Stream stream = master.awaitStream();

        stream.subscribed("fw-1", 15)
                .send(Event.offers(List.of(offer("o-1"), offer("o-2"))))
                .send(Event.update(running("t-1")))
                .send(Event.rescind(OfferId.of("o-1")))
                .send(Event.message(AgentId.of("a-1"), ExecutorId.of("e-1"),
                        Base64.getEncoder().encodeToString("hello".getBytes())))
                .send(Event.failure(AgentId.of("a-1"), null, null))
                .send(Event.HEARTBEAT)
                .sendRaw("25\n{\"type\":\"INVERSE_OFFERS\"}".getBytes())
                .send(Event.offers(List.of(offer("o-3"))));

        eventually(() -> assertThat(fixture.listener.log).containsExactly(
                "SUBSCRIBED fw-1 new", "OFFERS o-1,o-2", "UPDATE t-1 TASK_RUNNING", "RESCIND o-1",
                "MESSAGE e-1 hello", "FAILURE a-1 null", "HEARTBEAT", "OTHER INVERSE_OFFERS", "OFFERS o-3"));
        assertThat(fixture.listener.threads).hasSize(1);
        assertThat(client.subscription()).hasValueSatisfying(s -> {
            assertThat(s.master()).isEqualTo(master.uri());
            assertThat(s.streamId()).isEqualTo(stream.streamId);
            assertThat(s.frameworkId()).isEqualTo(FrameworkId.of("fw-1"));
            assertThat(s.masterInfo().hostname()).isEqualTo("localhost");
        });
        assertThat(client.frameworkId()).contains(FrameworkId.of("fw-1"));
    }

    @Test
    void skipsAnUndecodableEventAndKeepsReading() throws Exception {
        FakeMaster master = fixture.master();
        fixture.startedAgainst(master);
        FakeMaster.Stream stream = master.awaitStream();

        stream.subscribed("fw-1", 15)
                .sendRaw("9\n{\"type\":[".getBytes())
                .send(Event.rescind(OfferId.of("o-9")));

        eventually(() -> assertThat(fixture.listener.log).containsExactly("SUBSCRIBED fw-1 new", "RESCIND o-9"));
    }

    @Test
    void everyCallCarriesTheStreamIdTheFrameworkIdAndTheCredentials() throws Exception {
        FakeMaster master = fixture.master();
        SchedulerClient client = fixture.startedAgainst(master);
        FakeMaster.Stream stream = master.awaitStream().subscribed("fw-1", 15);
        eventually(() -> assertThat(client.isSubscribed()).isTrue());
        AgentId agent = AgentId.of("a-1");

        List<CompletableFuture<Void>> sent = List.of(
                client.accept(List.of(OfferId.of("o-1")), List.of(Offer.Operation.launch(List.of())),
                        new Filters(1.0)),
                client.decline(List.of(OfferId.of("o-2")), new Filters(120.0)),
                client.revive(List.of("web")),
                client.suppress(List.of()),
                client.kill(TaskId.of("t-1"), agent),
                client.shutdown(ExecutorId.of("e-1"), agent),
                client.acknowledge(agent, TaskId.of("t-1"), UUID),
                client.reconcile(List.of(new Call.Reconcile.ReconcileTask(TaskId.of("t-1"), agent))),
                client.message(agent, ExecutorId.of("e-1"), "hi".getBytes()),
                client.request(List.of(new Call.Request.ResourceRequest(agent,
                        List.of(Resource.scalar("cpus", 1))))));
        sent.forEach(CompletableFuture::join);

        List<FakeMaster.Received> calls = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            calls.add(master.awaitCall());
        }
        assertThat(calls).extracting(c -> c.call().type()).containsExactlyInAnyOrder(Call.Type.ACCEPT,
                Call.Type.DECLINE, Call.Type.REVIVE, Call.Type.SUPPRESS, Call.Type.KILL, Call.Type.SHUTDOWN,
                Call.Type.ACKNOWLEDGE, Call.Type.RECONCILE, Call.Type.MESSAGE, Call.Type.REQUEST);
        assertThat(calls).allSatisfy(c -> {
            assertThat(c.header("Mesos-Stream-Id")).isEqualTo(stream.streamId);
            assertThat(c.header("Content-Type")).isEqualTo("application/json");
            assertThat(c.header("Authorization")).isEqualTo(CREDENTIAL.authorization());
            assertThat(c.call().frameworkId()).isEqualTo(FrameworkId.of("fw-1"));
            assertThat(c.body()).startsWith("{\"framework_id\":{\"value\":\"fw-1\"}");
        });
        assertThat(body(calls, Call.Type.ACKNOWLEDGE)).contains("\"uuid\":\"" + UUID + "\"");
        assertThat(body(calls, Call.Type.MESSAGE)).contains("\"data\":\"aGk=\"");
        assertThat(body(calls, Call.Type.DECLINE)).contains("\"filters\":{\"refuse_seconds\":120.0}");
        assertThat(body(calls, Call.Type.KILL)).contains("\"kill\":{\"task_id\":{\"value\":\"t-1\"}");
    }

    @Test
    void acknowledgeEchoesTheUuidAndSendsNothingForAStatusWithoutOne() throws Exception {
        FakeMaster master = fixture.master();
        SchedulerClient client = fixture.startedAgainst(master);
        master.awaitStream().subscribed("fw-1", 15);
        eventually(() -> assertThat(client.isSubscribed()).isTrue());

        CompletableFuture<Void> reconciliation = client.acknowledge(running("t-1"));
        client.acknowledge(running("t-2").withUuid(UUID)).join();

        assertThat(reconciliation).isCompleted();
        FakeMaster.Received ack = master.awaitCall();
        assertThat(ack.call().acknowledge()).isEqualTo(new Call.Acknowledge(AgentId.of("a-1"), TaskId.of("t-2"), UUID));
        assertThat(master.pendingCalls()).isEmpty();
        assertThatThrownBy(() -> client.acknowledge(AgentId.of("a-1"), TaskId.of("t-1"), null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRejectedCallFailsWithTheStatusAndTheBody() throws Exception {
        FakeMaster master = fixture.master();
        SchedulerClient client = fixture.startedAgainst(master);
        master.awaitStream().subscribed("fw-1", 15);
        eventually(() -> assertThat(client.isSubscribed()).isTrue());
        master.answerCallsWith(403, "Framework is not subscribed");

        CompletableFuture<Void> decline = client.decline(List.of(OfferId.of("o-1")), null);

        assertThatThrownBy(decline::join).isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(SchedulerCallException.class, e -> {
                    assertThat(e.code()).isEqualTo(SchedulerCallException.Code.REJECTED);
                    assertThat(e.call()).isEqualTo(Call.Type.DECLINE);
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.body()).isEqualTo("Framework is not subscribed");
                });
    }

    @Test
    void callsFailFastWhenNotSubscribed() throws Exception {
        FakeMaster master = fixture.master();
        SchedulerClient notStarted = fixture.client(MasterLocator.of(List.of(master.uri())),
                ClientFixture.SETTINGS, Clock.systemUTC());
        SchedulerClient awaitingSubscribed = fixture.startedAgainst(master);
        master.awaitStream();

        for (SchedulerClient client : List.of(notStarted, awaitingSubscribed)) {
            CompletableFuture<Void> revive = client.revive(List.of());

            assertThat(revive).isCompletedExceptionally();
            assertThatThrownBy(revive::join).cause().isInstanceOfSatisfying(SchedulerCallException.class,
                    e -> assertThat(e.code()).isEqualTo(SchedulerCallException.Code.NOT_SUBSCRIBED));
        }
        assertThat(master.pendingCalls()).isEmpty();
    }

    private static String body(List<FakeMaster.Received> calls, Call.Type type) {
        return calls.stream().filter(c -> c.call().type() == type).findFirst().orElseThrow().body();
    }

    static Offer offer(String id) {
        return new Offer(OfferId.of(id), FrameworkId.of("fw-1"), AgentId.of("a-1"), "agent1", null, null,
                List.of(Resource.scalar("cpus", 2)), null, null, null, null);
    }

    static TaskStatus running(String taskId) {
        return TaskStatus.fromMaster(TaskId.of(taskId), TaskState.TASK_RUNNING, null, null, AgentId.of("a-1"), 1.0);
    }
}
