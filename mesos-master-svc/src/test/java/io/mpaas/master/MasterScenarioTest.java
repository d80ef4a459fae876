package io.mpaas.master;

import static io.mpaas.master.MasterHarness.frameworkInfo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mpaas.master.cluster.Agent;
import io.mpaas.master.cluster.Framework;
import io.mpaas.protocol.agentlink.AgentEvent;
import io.mpaas.protocol.mesos.CommandInfo;
import io.mpaas.protocol.mesos.Filters;
import io.mpaas.protocol.mesos.FrameworkInfo;
import io.mpaas.protocol.mesos.Offer;
import io.mpaas.protocol.mesos.OfferId;
import io.mpaas.protocol.mesos.Resources;
import io.mpaas.protocol.mesos.Task;
import io.mpaas.protocol.mesos.TaskId;
import io.mpaas.protocol.mesos.TaskInfo;
import io.mpaas.protocol.mesos.TaskState;
import io.mpaas.protocol.mesos.TaskStatus;
import io.mpaas.protocol.mesos.scheduler.Call;
import io.mpaas.protocol.mesos.scheduler.Event;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The master end to end in one JVM: agents, frameworks, offers, tasks, failures, failover. */
class MasterScenarioTest {

    private final MasterHarness master = new MasterHarness();

    @AfterEach
    void close() {
        master.close();
    }

    private static TaskInfo task(String id, Offer offer, String resources) {
        return TaskInfo.command(id, TaskId.of(id), offer.agentId(),
                Resources.parse(resources).toList(offer.allocationInfo().role()), CommandInfo.shell("sleep 100"));
    }

    private static Call launch(FakeFramework f, Offer offer, TaskInfo... tasks) {
        return Call.accept(f.id(), List.of(offer.id()), List.of(Offer.Operation.launch(List.of(tasks))),
                new Filters(0.0));
    }

    private Offer onlyOffer(FakeFramework f) {
        master.allocate();
        List<Offer> offers = f.offers();
        assertThat(offers).hasSize(1);
        return offers.getFirst();
    }

    @Test
    void taskRunsFinishesAndIsAcknowledgedEndToEnd() {
        FakeAgent agent = master.agent("host1", "cpus:4;mem:4096;disk:1000;ports:[31000-31010]");
        FakeFramework fw = master.framework(frameworkInfo("fw", "web", 3600));
        assertThat(fw.events()).extracting(Event::type).containsExactly(Event.Type.SUBSCRIBED);

        Offer offer = onlyOffer(fw);
        assertThat(offer.agentId()).isEqualTo(agent.id());
        assertThat(offer.hostname()).isEqualTo("host1");
        assertThat(offer.url().address().ip()).isEqualTo("10.0.1.1");
        assertThat(offer.allocationInfo().role()).isEqualTo("web");
        assertThat(Resources.of(offer.resources())).isEqualTo(Resources.parse(
                "cpus:4;mem:4096;disk:1000;ports:[31000-31010]"));
        assertThat(offer.resources()).allMatch(r -> r.allocationInfo().role().equals("web"));

        TaskInfo t = task("t1", offer, "cpus:1;mem:128;ports:[31000-31000]");
        fw.call(launch(fw, offer, t));
        List<TaskInfo> launched = agent.launched();
        assertThat(launched).extracting(TaskInfo::taskId).containsExactly(TaskId.of("t1"));
        assertThat(taskState("t1")).isEqualTo(TaskState.TASK_STAGING);

        TaskStatus running = agent.update(fw.id(), launched.getFirst(), TaskState.TASK_RUNNING);
        TaskStatus forwarded = fw.updates().getFirst();
        assertThat(forwarded.state()).isEqualTo(TaskState.TASK_RUNNING);
        assertThat(forwarded.uuid()).isEqualTo(running.uuid());
        fw.acknowledge(forwarded);
        assertThat(agent.events()).extracting(AgentEvent::type).containsExactly(AgentEvent.Type.ACKNOWLEDGE);

        // The rest of the agent is offered again (the launch used no filter).
        Offer rest = onlyOffer(fw);
        assertThat(Resources.of(rest.resources())).isEqualTo(Resources.parse(
                "cpus:3;mem:3968;disk:1000;ports:[31001-31010]"));
        fw.call(Call.decline(fw.id(), List.of(rest.id()), new Filters(0.0)));

        agent.update(fw.id(), launched.getFirst(), TaskState.TASK_FINISHED);
        TaskStatus finished = fw.updates().getFirst();
        assertThat(finished.state()).isEqualTo(TaskState.TASK_FINISHED);
        // Resources come back on the terminal update, before the acknowledgement.
        assertThat(Resources.of(onlyOffer(fw).resources())).isEqualTo(Resources.parse(
                "cpus:4;mem:4096;disk:1000;ports:[31000-31010]"));
        assertThat(taskState("t1")).isEqualTo(TaskState.TASK_FINISHED);
        fw.acknowledge(finished);
        Framework framework = master.cluster.frameworks().get(fw.id());
        assertThat(framework.tasks()).isEmpty();
        assertThat(framework.completedTasks()).extracting(x -> x.id().value()).containsExactly("t1");
    }

    @Test
    void aLaunchThatAsksTooMuchFailsAloneAndLosesNothing() {
        FakeAgent agent = master.agent("host1", "cpus:2;mem:1024;ports:[31000-31001]");
        FakeFramework fw = master.framework(frameworkInfo("fw", "web", 3600));
        fw.events();
        Offer offer = onlyOffer(fw);
        TaskInfo good = task("good", offer, "cpus:1;mem:512");
        TaskInfo greedy = task("greedy", offer, "cpus:5;mem:10");
        TaskInfo badPort = task("bad-port", offer, "cpus:0.5;mem:10;ports:[32000-32000]");
        TaskInfo duplicate = task("good", offer, "cpus:0.1;mem:10");
        fw.call(launch(fw, offer, good, greedy, badPort, duplicate));

        assertThat(agent.launched()).extracting(TaskInfo::taskId).containsExactly(TaskId.of("good"));
        List<TaskStatus> errors = fw.updates();
        assertThat(errors).extracting(s -> s.taskId().value() + ":" + s.state())
                .containsExactly("greedy:TASK_ERROR", "bad-port:TASK_ERROR", "good:TASK_ERROR");
        assertThat(errors).allMatch(s -> s.uuid() == null && s.reason() == TaskStatus.Reason.REASON_TASK_INVALID);
        assertThat(errors.getFirst().message()).startsWith("Task greedy uses more resources");
        assertThat(errors.get(2).message()).isEqualTo("Task has duplicate ID: good");
        // The offer is used up; what the good task did not take is offered again.
        assertThat(Resources.of(onlyOffer(fw).resources())).isEqualTo(Resources.parse(
                "cpus:1;mem:512;ports:[31000-31001]"));
    }

    @Test
    void usedOrForeignOffersAreRejectedWithLostTasksAndNoLaunch() {
        FakeAgent agent = master.agent("host1", "cpus:2;mem:1024");
        FakeFramework plain = master.framework(frameworkInfo("plain", "web", 3600));
        Offer offer = onlyOffer(plain);
        FakeFramework aware = master.framework(frameworkInfo("aware", "db", 3600,
                FrameworkInfo.Capability.Type.PARTITION_AWARE));
        aware.events();
        TaskInfo t = task("t1", offer, "cpus:1;mem:10");
        plain.call(launch(plain, offer, t));
        agent.launched();
        // Used once: a second ACCEPT of the same offer loses its tasks.
        plain.call(launch(plain, offer, task("t2", offer, "cpus:0.5;mem:10")));
        TaskStatus lost = plain.updates().getFirst();
        assertThat(lost.state()).isEqualTo(TaskState.TASK_LOST);
        assertThat(lost.reason()).isEqualTo(TaskStatus.Reason.REASON_INVALID_OFFERS);
        assertThat(lost.message()).contains("is no longer valid");
        // An offer of another framework: dropped, for a partition-aware framework.
        aware.call(Call.accept(aware.id(), List.of(offer.id(), OfferId.of("nope")),
                List.of(Offer.Operation.launch(List.of(task("t3", offer, "cpus:0.5;mem:10")))), null));
        assertThat(aware.updates()).extracting(TaskStatus::state).containsExactly(TaskState.TASK_DROPPED);
        assertThat(agent.launched()).isEmpty();
    }

    @Test
    void declineKeepsResourcesAwayUntilTheFilterExpiresOrRevive() {
        master.agent("host1", "cpus:2;mem:1024");
        FakeFramework fw = master.framework(frameworkInfo("fw", "web", 3600));
        fw.events();
        Offer offer = onlyOffer(fw);
        fw.call(Call.decline(fw.id(), List.of(offer.id()), new Filters(60.0)));
        master.allocate();
        assertThat(fw.offers()).isEmpty();
        master.clock.advance(Duration.ofSeconds(59));
        master.allocate();
        assertThat(fw.offers()).isEmpty();
        master.clock.advance(Duration.ofSeconds(2));
        Offer again = onlyOffer(fw);
        fw.call(Call.decline(fw.id(), List.of(again.id()), new Filters(3600.0)));
        fw.call(Call.revive(fw.id(), List.of()));
        assertThat(onlyOffer(fw).agentId()).isEqualTo(offer.agentId());
    }

    @Test
    void suppressedRolesGetNoOffersUntilRevived() {
        master.agent("host1", "cpus:2;mem:1024");
        FakeFramework fw = master.framework(frameworkInfo("fw", "web", 3600));
        fw.events();
        fw.call(Call.suppress(fw.id(), List.of("web")));
        master.allocate();
        assertThat(fw.offers()).isEmpty();
        fw.call(Call.revive(fw.id(), List.of("web")));
        assertThat(onlyOffer(fw)).isNotNull();
        assertThatThrownBy(() -> fw.call(Call.suppress(fw.id(), List.of("other"))))
                .isInstanceOf(MasterError.class).hasMessage("Role 'other' is not one of the framework's roles [web]");
    }

    @Test
    void silentAgentBecomesUnreachableAndItsTasksComeBackWithIt() {
        FakeAgent agent = master.agent("host1", "cpus:2;mem:1024");
        FakeFramework plain = master.framework(frameworkInfo("plain", "web", 3600));
        Offer o1 = onlyOffer(plain);
        plain.call(launch(plain, o1, task("p1", o1, "cpus:1;mem:100")));
        // The rest of the agent goes to the framework with the smaller dominant share.
        FakeFramework aware = master.framework(frameworkInfo("aware", "db", 3600,
                FrameworkInfo.Capability.Type.PARTITION_AWARE));
        aware.events();
        Offer o2 = onlyOffer(aware);
        aware.call(launch(aware, o2, task("a1", o2, "cpus:0.5;mem:100")));
        List<TaskInfo> launched = agent.launched();
        agent.update(plain.id(), launched.get(0), TaskState.TASK_RUNNING);
        agent.update(aware.id(), launched.get(1), TaskState.TASK_RUNNING);
        plain.updates().forEach(plain::acknowledge);
        aware.updates().forEach(aware::acknowledge);
        agent.events();

        // Four missed pings: still there; the fifth makes it unreachable.
        master.clock.advance(MasterHarness.PING.multipliedBy(4));
        master.checkTimeouts();
        assertThat(master.cluster.agents().get(agent.id()).status()).isEqualTo(Agent.Status.ACTIVE);
        master.clock.advance(MasterHarness.PING);
        master.checkTimeouts();
        assertThat(master.cluster.agents().get(agent.id()).status()).isEqualTo(Agent.Status.UNREACHABLE);
        List<Event> plainEvents = plain.events();
        assertThat(plainEvents).extracting(Event::type).containsExactly(Event.Type.UPDATE, Event.Type.FAILURE);
        assertThat(plainEvents.getFirst().update().status().state()).isEqualTo(TaskState.TASK_LOST);
        TaskStatus unreachable = aware.updates().getFirst();
        assertThat(unreachable.state()).isEqualTo(TaskState.TASK_UNREACHABLE);
        assertThat(unreachable.unreachableTime()).isNotNull();
        master.registryWriter.flush();
        assertThat(master.registry.load().agents().getFirst().standing())
                .isEqualTo(io.mpaas.master.registry.Registry.AgentStanding.UNREACHABLE);

        // It comes back with its tasks still running: the frameworks hear so.
        Task p1 = new Task("p1", TaskId.of("p1"), plain.id(), null, agent.id(), TaskState.TASK_RUNNING,
                launched.get(0).resources(), List.of(), null, null, null, null, null, null, null, null);
        Task a1 = new Task("a1", TaskId.of("a1"), aware.id(), null, agent.id(), TaskState.TASK_RUNNING,
                launched.get(1).resources(), List.of(), null, null, null, null, null, null, null, null);
        agent.reregister(List.of(p1, a1), List.of());
        assertThat(master.cluster.agents().get(agent.id()).status()).isEqualTo(Agent.Status.ACTIVE);
        assertThat(plain.updates()).extracting(TaskStatus::state).containsExactly(TaskState.TASK_RUNNING);
        assertThat(aware.updates()).extracting(TaskStatus::state).containsExactly(TaskState.TASK_RUNNING);
        assertThat(taskState("a1")).isEqualTo(TaskState.TASK_RUNNING);
        // Its used resources are accounted again: only the rest is offered.
        master.allocate();
        List<Offer> offers = plain.offers();
        offers.addAll(aware.offers());
        assertThat(offers.stream().map(o -> Resources.of(o.resources())).reduce(Resources.EMPTY, Resources::plus))
                .isEqualTo(Resources.parse("cpus:0.5;mem:824"));
    }

    @Test
    void pongsKeepAnAgentReachable() {
        FakeAgent agent = master.agent("host1", "cpus:2;mem:1024");
        for (int i = 0; i < 10; i++) {
            master.clock.advance(MasterHarness.PING);
            master.health.sendPings(master.clock.instant());
            agent.pong();
            master.checkTimeouts();
        }
        assertThat(master.cluster.agents().get(agent.id()).status()).isEqualTo(Agent.Status.ACTIVE);
        assertThat(agent.events()).extracting(AgentEvent::type).contains(AgentEvent.Type.PING);
    }

    @Test
    void disconnectedFrameworkKeepsItsTasksForItsFailoverTimeoutOnly() {
        FakeAgent agent = master.agent("host1", "cpus:2;mem:1024");
        FakeFramework fw = master.framework(frameworkInfo("fw", "web", 60));
        fw.events();
        Offer offer = onlyOffer(fw);
        fw.call(launch(fw, offer, task("t1", offer, "cpus:1;mem:100")));
        agent.update(fw.id(), agent.launched().getFirst(), TaskState.TASK_RUNNING);

        fw.disconnect();
        Framework framework = master.cluster.frameworks().get(fw.id());
        assertThat(framework.status()).isEqualTo(Framework.Status.DISCONNECTED);
        assertThatThrownBy(() -> fw.call(Call.revive(fw.id(), List.of())))
                .isInstanceOf(MasterError.class).hasMessage("Framework is not subscribed");
        master.clock.advance(Duration.ofSeconds(59));
        master.checkTimeouts();
        fw.subscribe();
        assertThat(master.cluster.frameworks().get(fw.id()).status()).isEqualTo(Framework.Status.ACTIVE);
        assertThat(master.cluster.frameworks().get(fw.id()).tasks()).containsKey(TaskId.of("t1"));
        // The update the framework missed while away is resent by the agent and reaches it now.
        agent.update(fw.id(), new TaskInfo("t1", TaskId.of("t1"), agent.id(), List.of(), null, null, null, null,
                null, null, null, null, null, null, null), TaskState.TASK_RUNNING);
        assertThat(fw.updates()).extracting(TaskStatus::state).containsExactly(TaskState.TASK_RUNNING);

        fw.disconnect();
        master.clock.advance(Duration.ofSeconds(60));
        master.checkTimeouts();
        assertThat(master.cluster.frameworks()).doesNotContainKey(fw.id());
        assertThat(agent.events()).extracting(AgentEvent::type)
                .contains(AgentEvent.Type.KILL, AgentEvent.Type.SHUTDOWN_FRAMEWORK);
        // A removed framework may not come back.
        fw.subscribe();
        assertThat(fw.events()).extracting(Event::type).containsExactly(Event.Type.ERROR);
    }

    @Test
    void resubscribingOnANewConnectionReplacesTheOldOne() {
        FakeFramework fw = master.framework(frameworkInfo("fw", "web", 60));
        String first = fw.streamId();
        fw.subscribe();
        assertThat(fw.streamId()).isNotEqualTo(first);
        Call revive = Call.revive(fw.id(), List.of());
        assertThatThrownBy(() -> master.calls.handle(revive, first, null)).isInstanceOf(MasterError.class)
                .hasMessageContaining("didn't match the stream ID currently associated with framework ID");
        assertThatThrownBy(() -> master.calls.handle(revive, null, null)).isInstanceOf(MasterError.class)
                .hasMessage("All non-subscribe calls should include the 'Mesos-Stream-Id' header");
        assertThatThrownBy(() -> master.calls.handle(Call.revive(io.mpaas.protocol.mesos.FrameworkId.of("nope"),
                List.of()), fw.streamId(), null)).isInstanceOf(MasterError.class)
                .hasMessage("Framework cannot be found");
    }

    @Test
    void reconciliationAnswersKnownAndUnknownTasks() {
        FakeAgent agent = master.agent("host1", "cpus:2;mem:1024");
        FakeFramework plain = master.framework(frameworkInfo("plain", "web", 60));
        plain.events();
        Offer offer = onlyOffer(plain);
        FakeFramework aware = master.framework(frameworkInfo("aware", "db", 60,
                FrameworkInfo.Capability.Type.PARTITION_AWARE));
        aware.events();
        plain.call(launch(plain, offer, task("t1", offer, "cpus:1;mem:100")));
        agent.update(plain.id(), agent.launched().getFirst(), TaskState.TASK_RUNNING);
        plain.updates();

        plain.call(Call.reconcile(plain.id(), List.of()));
        TaskStatus implicit = plain.updates().getFirst();
        assertThat(implicit.state()).isEqualTo(TaskState.TASK_RUNNING);
        assertThat(implicit.reason()).isEqualTo(TaskStatus.Reason.REASON_RECONCILIATION);
        assertThat(implicit.uuid()).isNull();

        plain.call(Call.reconcile(plain.id(), List.of(new Call.Reconcile.ReconcileTask(TaskId.of("ghost"), null))));
        assertThat(plain.updates()).extracting(TaskStatus::state).containsExactly(TaskState.TASK_LOST);
        aware.call(Call.reconcile(aware.id(), List.of(new Call.Reconcile.ReconcileTask(TaskId.of("ghost"), null),
                new Call.Reconcile.ReconcileTask(TaskId.of("ghost2"), agent.id()))));
        assertThat(aware.updates()).extracting(TaskStatus::state)
                .containsExactly(TaskState.TASK_UNKNOWN, TaskState.TASK_GONE);
    }

    @Test
    void killReachesTheAgentAndUnknownTasksAreAnsweredByReconciliation() {
        FakeAgent agent = master.agent("host1", "cpus:2;mem:1024");
        FakeFramework fw = master.framework(frameworkInfo("fw", "web", 60));
        fw.events();
        Offer offer = onlyOffer(fw);
        fw.call(launch(fw, offer, task("t1", offer, "cpus:1;mem:100")));
        TaskInfo t1 = agent.launched().getFirst();
        fw.call(Call.kill(fw.id(), TaskId.of("t1"), null));
        assertThat(agent.events()).extracting(AgentEvent::type).containsExactly(AgentEvent.Type.KILL);
        agent.update(fw.id(), t1, TaskState.TASK_KILLED);
        assertThat(fw.updates()).extracting(TaskStatus::state).containsExactly(TaskState.TASK_KILLED);

        fw.call(Call.kill(fw.id(), TaskId.of("never"), null));
        TaskStatus answer = fw.updates().getFirst();
        assertThat(answer.state()).isEqualTo(TaskState.TASK_LOST);
        assertThat(answer.reason()).isEqualTo(TaskStatus.Reason.REASON_RECONCILIATION);
    }

    @Test
    void aNewLeaderRebuildsTasksFromAgentsAndFrameworksKeepThem() {
        FakeAgent agent = master.agent("host1", "cpus:2;mem:1024");
        FakeAgent lost = master.agent("host2", "cpus:2;mem:1024");
        FakeFramework fw = master.framework(frameworkInfo("fw", "web", 3600));
        fw.events();
        master.allocate();
        Offer offer = fw.offers().stream().filter(o -> o.agentId().equals(agent.id())).findFirst().orElseThrow();
        fw.call(launch(fw, offer, task("t1", offer, "cpus:1;mem:100")));
        TaskInfo t1 = agent.launched().getFirst();
        agent.update(fw.id(), t1, TaskState.TASK_RUNNING);
        fw.updates().forEach(fw::acknowledge);

        master.loseLeadership();
        master.elect();
        assertThat(master.cluster.agents().values()).extracting(Agent::status)
                .containsOnly(Agent.Status.RECOVERING);
        // While host1 may still re-register, a kill of its task is kept for it.
        FakeFramework after = new FakeFramework(master, frameworkInfo("fw", "web", 3600).withId(fw.id()));
        Task running = new Task("t1", TaskId.of("t1"), fw.id(), null, agent.id(), TaskState.TASK_RUNNING,
                t1.resources(), List.of(), null, null, null, null, null, null, null, null);
        agent.reregister(List.of(running), List.of(frameworkInfo("fw", "web", 3600).withId(fw.id())));
        assertThat(master.cluster.frameworks().get(fw.id()).status()).isEqualTo(Framework.Status.RECOVERED);
        after.subscribe();
        assertThat(after.id()).isEqualTo(fw.id());
        assertThat(master.cluster.frameworks().get(fw.id()).status()).isEqualTo(Framework.Status.ACTIVE);
        after.call(Call.reconcile(fw.id(), List.of()));
        assertThat(after.updates()).extracting(s -> s.taskId().value() + ":" + s.state())
                .containsExactly("t1:TASK_RUNNING");
        // The task's resources stay accounted under the new leader.
        master.allocate();
        assertThat(after.offers()).extracting(o -> Resources.of(o.resources()).scalar("cpus")).containsExactly(1.0);

        // host2 never came back: after the window it is unreachable; host1 kept answering pings.
        for (int i = 0; i < 40; i++) {
            master.clock.advance(MasterHarness.PING);
            agent.pong();
            master.checkTimeouts();
        }
        assertThat(master.cluster.agents().get(lost.id()).status()).isEqualTo(Agent.Status.UNREACHABLE);
        assertThat(master.cluster.agents().get(agent.id()).status()).isEqualTo(Agent.Status.ACTIVE);
    }

    @Test
    void tasksNotReportedByAReregisteringAgentAreLost() {
        FakeAgent agent = master.agent("host1", "cpus:2;mem:1024");
        FakeFramework fw = master.framework(frameworkInfo("fw", "web", 3600));
        fw.events();
        Offer offer = onlyOffer(fw);
        fw.call(launch(fw, offer, task("t1", offer, "cpus:1;mem:100")));
        agent.disconnect();
        agent.reregister(List.of(), List.of());
        TaskStatus lost = fw.updates().getFirst();
        assertThat(lost.state()).isEqualTo(TaskState.TASK_LOST);
        assertThat(lost.reason()).isEqualTo(TaskStatus.Reason.REASON_AGENT_REREGISTERED);
        assertThat(Resources.of(onlyOffer(fw).resources())).isEqualTo(Resources.parse("cpus:2;mem:1024"));
    }

    @Test
    void teardownKillsTasksAndClosesTheStream() {
        FakeAgent agent = master.agent("host1", "cpus:2;mem:1024");
        FakeFramework fw = master.framework(frameworkInfo("fw", "web", 3600));
        fw.events();
        Offer offer = onlyOffer(fw);
        fw.call(launch(fw, offer, task("t1", offer, "cpus:1;mem:100")));
        agent.launched();
        fw.call(Call.teardown(fw.id()));
        fw.events();
        assertThat(fw.streamOpen()).isFalse();
        assertThat(agent.events()).extracting(AgentEvent::type)
                .containsExactly(AgentEvent.Type.KILL, AgentEvent.Type.SHUTDOWN_FRAMEWORK);
        assertThat(master.cluster.completedFrameworks()).extracting(Framework::id).containsExactly(fw.id());
        assertThat(master.cluster.agents().get(agent.id()).used()).isEqualTo(Resources.EMPTY);
    }

    private TaskState taskState(String id) {
        return master.cluster.frameworks().values().stream()
                .flatMap(f -> java.util.stream.Stream.concat(f.tasks().values().stream(),
                        f.unreachableTasks().values().stream()))
                .filter(t -> t.id().value().equals(id)).findFirst().orElseThrow().state();
    }
}
