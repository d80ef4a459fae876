package io.mpaas.marathon.instance;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.instance.InstanceSideEffect.ConditionChanged;
import io.mpaas.marathon.instance.InstanceSideEffect.Expunge;
import io.mpaas.marathon.instance.InstanceSideEffect.HealthChanged;
import io.mpaas.marathon.instance.InstanceSideEffect.KillTask;
import io.mpaas.marathon.instance.InstanceSideEffect.RaiseBackoff;
import io.mpaas.protocol.marathon.UnreachableStrategy;
import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.TaskId;
import io.mpaas.protocol.mesos.TaskState;
import io.mpaas.protocol.mesos.TaskStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class InstanceStateMachineTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final PathId APP = PathId.of("/prod/web");

    private static Instance launched(Condition condition) {
        Instance scheduled = Instance.scheduled(APP, T0, T0);
        Instance provisioned = scheduled.provisioned(scheduled.instanceId() + "._app.1", 1,
                AgentInfo.plain("agent-1", "host-1"), List.of(31000), List.of(10000), "*", T0);
        return condition == Condition.PROVISIONED ? provisioned : provisioned.withCondition(condition, T0);
    }

    private static TaskStatus status(Instance instance, TaskState state, Boolean healthy, TaskStatus.Reason reason) {
        return new TaskStatus(new TaskId(instance.taskId()), state, "msg", TaskStatus.Source.SOURCE_EXECUTOR, reason,
                null, new AgentId("agent-1"), null, 1.0, "dXVpZA==", healthy, null, null, null, null, null);
    }

    private static InstanceStateMachine.Transition statusOf(Instance instance, TaskState state) {
        return InstanceStateMachine.apply(instance,
                new InstanceEvent.StatusReceived(status(instance, state, null, null), T0.plusSeconds(5)));
    }

    @ParameterizedTest
    @EnumSource(value = TaskState.class, names = {"TASK_STAGING", "TASK_STARTING", "TASK_RUNNING", "TASK_KILLING",
            "TASK_UNREACHABLE"})
    void aNonTerminalStatusMovesTheCondition(TaskState state) {
        Instance instance = launched(Condition.PROVISIONED);
        InstanceStateMachine.Transition t = statusOf(instance, state);
        assertThat(t.next().condition().mesosState()).isEqualTo(state);
        assertThat(t.next().since()).isEqualTo(T0.plusSeconds(5));
        assertThat(t.effects()).hasAtLeastOneElementOfType(ConditionChanged.class).doesNotHaveAnyElementsOfTypes(
                Expunge.class, KillTask.class);
    }

    @ParameterizedTest
    @EnumSource(value = TaskState.class, names = {"TASK_FAILED", "TASK_FINISHED", "TASK_ERROR", "TASK_DROPPED",
            "TASK_GONE", "TASK_LOST"})
    void aFailedTaskIsExpungedAndRaisesTheBackoff(TaskState state) {
        InstanceStateMachine.Transition t = statusOf(launched(Condition.RUNNING), state);
        assertThat(t.next()).isNull();
        assertThat(t.effects()).hasAtLeastOneElementOfType(Expunge.class)
                .hasAtLeastOneElementOfType(RaiseBackoff.class);
    }

    @Test
    void aKilledTaskIsExpungedWithoutRaisingTheBackoff() {
        InstanceStateMachine.Transition t = statusOf(launched(Condition.KILLING), TaskState.TASK_KILLED);
        assertThat(t.next()).isNull();
        assertThat(t.effects()).hasAtLeastOneElementOfType(Expunge.class)
                .doesNotHaveAnyElementsOfTypes(RaiseBackoff.class);
    }

    @Test
    void aDecommissionedInstanceThatFailsDoesNotRaiseTheBackoff() {
        Instance instance = launched(Condition.KILLING).withGoal(Goal.DECOMMISSIONED);
        assertThat(statusOf(instance, TaskState.TASK_FAILED).effects())
                .doesNotHaveAnyElementsOfTypes(RaiseBackoff.class);
    }

    @Test
    void runningSetsStartedAtOnceAndKeepsIt() {
        Instance running = statusOf(launched(Condition.STARTING), TaskState.TASK_RUNNING).next();
        assertThat(running.startedAt()).isEqualTo(T0.plusSeconds(5));
        Instance again = InstanceStateMachine.apply(running, new InstanceEvent.StatusReceived(
                status(running, TaskState.TASK_RUNNING, null, null), T0.plusSeconds(60))).next();
        assertThat(again.startedAt()).isEqualTo(T0.plusSeconds(5));
    }

    @ParameterizedTest
    @EnumSource(value = TaskState.class, names = {"TASK_STAGING", "TASK_STARTING"})
    void aLateStartingOrStagingAfterRunningChangesNothing(TaskState late) {
        Instance running = statusOf(launched(Condition.STARTING), TaskState.TASK_RUNNING).next();
        InstanceStateMachine.Transition t = InstanceStateMachine.apply(running, new InstanceEvent.StatusReceived(
                status(running, late, null, null), T0.plusSeconds(9)));
        assertThat(t.next().condition()).isEqualTo(Condition.RUNNING);
        assertThat(t.effects()).doesNotHaveAnyElementsOfTypes(ConditionChanged.class);
    }

    @Test
    void agentHealthIsTakenFromTheStatusAndAChangeIsPublished() {
        Instance running = launched(Condition.RUNNING);
        InstanceStateMachine.Transition t = InstanceStateMachine.apply(running, new InstanceEvent.StatusReceived(
                status(running, TaskState.TASK_RUNNING, true, null), T0));
        assertThat(t.next().healthy()).isTrue();
        assertThat(t.effects()).hasAtLeastOneElementOfType(HealthChanged.class);
        assertThat(t.next().isHealthy(1)).isTrue();
    }

    @Test
    void aKillRequestMakesTheInstanceKillingAndSendsOneKill() {
        InstanceStateMachine.Transition t = InstanceStateMachine.apply(launched(Condition.RUNNING),
                new InstanceEvent.KillRequested(T0));
        assertThat(t.next().condition()).isEqualTo(Condition.KILLING);
        assertThat(t.next().goal()).isEqualTo(Goal.RUNNING);
        assertThat(t.effects()).hasAtLeastOneElementOfType(KillTask.class);
        assertThat(InstanceStateMachine.apply(t.next(), new InstanceEvent.KillRequested(T0)).effects()).isEmpty();
    }

    @Test
    void aRunningStatusDuringAKillKeepsItKilling() {
        Instance killing = launched(Condition.KILLING);
        assertThat(statusOf(killing, TaskState.TASK_RUNNING).next().condition()).isEqualTo(Condition.KILLING);
    }

    @Test
    void decommissioningAScheduledInstanceExpungesItAtOnce() {
        Instance scheduled = Instance.scheduled(APP, T0, T0);
        InstanceStateMachine.Transition t = InstanceStateMachine.apply(scheduled, new InstanceEvent.Decommissioned(T0));
        assertThat(t.next()).isNull();
        assertThat(t.effects()).singleElement().isInstanceOf(Expunge.class);
    }

    @Test
    void decommissioningALaunchedInstanceKillsItAndSetsTheGoal() {
        InstanceStateMachine.Transition t = InstanceStateMachine.apply(launched(Condition.RUNNING),
                new InstanceEvent.Decommissioned(T0));
        assertThat(t.next().goal()).isEqualTo(Goal.DECOMMISSIONED);
        assertThat(t.next().condition()).isEqualTo(Condition.KILLING);
        assertThat(t.effects()).hasAtLeastOneElementOfType(KillTask.class);
    }

    @Test
    void aStatusForAScheduledInstanceChangesNothing() {
        Instance scheduled = Instance.scheduled(APP, T0, T0);
        TaskStatus stale = new TaskStatus(new TaskId(scheduled.instanceId() + "._app.1"), TaskState.TASK_RUNNING,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        InstanceStateMachine.Transition t = InstanceStateMachine.apply(scheduled,
                new InstanceEvent.StatusReceived(stale, T0));
        assertThat(t.next()).isSameAs(scheduled);
        assertThat(t.effects()).isEmpty();
    }

    @Test
    void anUnreachableInstanceBecomesInactiveThenIsExpungedAndKilled() {
        Instance unreachable = statusOf(launched(Condition.RUNNING), TaskState.TASK_UNREACHABLE).next();
        assertThat(unreachable.unreachableSince()).isEqualTo(T0.plusSeconds(5));
        UnreachableStrategy strategy = new UnreachableStrategy(false, 60L, 120L);

        assertThat(InstanceStateMachine.apply(unreachable, new InstanceEvent.UnreachableCheck(strategy,
                T0.plusSeconds(30))).next()).isSameAs(unreachable);
        Instance inactive = InstanceStateMachine.apply(unreachable, new InstanceEvent.UnreachableCheck(strategy,
                T0.plusSeconds(65))).next();
        assertThat(inactive.condition()).isEqualTo(Condition.UNREACHABLE_INACTIVE);
        InstanceStateMachine.Transition gone = InstanceStateMachine.apply(inactive,
                new InstanceEvent.UnreachableCheck(strategy, T0.plusSeconds(125)));
        assertThat(gone.next()).isNull();
        assertThat(gone.effects()).hasAtLeastOneElementOfType(KillTask.class).hasAtLeastOneElementOfType(Expunge.class);
    }

    @Test
    void aDisabledUnreachableStrategyWaitsForever() {
        Instance unreachable = statusOf(launched(Condition.RUNNING), TaskState.TASK_UNREACHABLE).next();
        assertThat(InstanceStateMachine.apply(unreachable, new InstanceEvent.UnreachableCheck(
                UnreachableStrategy.DISABLED, T0.plusSeconds(100_000))).next()).isSameAs(unreachable);
    }

    @Test
    void anInactiveInstanceThatComesBackRunsAgain() {
        Instance inactive = statusOf(launched(Condition.RUNNING), TaskState.TASK_UNREACHABLE).next()
                .withCondition(Condition.UNREACHABLE_INACTIVE, T0);
        Instance back = statusOf(inactive, TaskState.TASK_RUNNING).next();
        assertThat(back.condition()).isEqualTo(Condition.RUNNING);
        assertThat(back.unreachableSince()).isNull();
    }

    @Test
    void lostIsMappedByItsReason() {
        Instance running = launched(Condition.RUNNING);
        assertThat(Condition.of(status(running, TaskState.TASK_LOST, null,
                TaskStatus.Reason.REASON_AGENT_DISCONNECTED))).isEqualTo(Condition.UNREACHABLE);
        assertThat(Condition.of(status(running, TaskState.TASK_LOST, null,
                TaskStatus.Reason.REASON_AGENT_REMOVED))).isEqualTo(Condition.GONE);
        assertThat(Condition.of(status(running, TaskState.TASK_LOST, null,
                TaskStatus.Reason.REASON_RECONCILIATION))).isEqualTo(Condition.UNKNOWN);
    }
}
