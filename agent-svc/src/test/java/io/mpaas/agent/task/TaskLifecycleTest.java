package io.mpaas.agent.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpaas.agent.container.ContainerExit;
import io.mpaas.protocol.mesos.TaskState;
import io.mpaas.protocol.mesos.TaskStatus.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TaskLifecycleTest {

    private static final Duration GRACE = Duration.ofSeconds(3);
    private static final Instant AT = Instant.parse("2026-11-21T10:00:00Z");

    private static TaskCondition launching() {
        return TaskCondition.launching(false);
    }

    private static TaskCondition running() {
        return launching().in(TaskPhase.RUNNING, TaskState.TASK_RUNNING);
    }

    private static TaskCondition killing() {
        return running().killing(GRACE, null).in(TaskPhase.KILLING, TaskState.TASK_RUNNING);
    }

    private static TaskCondition done() {
        return running().in(TaskPhase.DONE, TaskState.TASK_FINISHED);
    }

    static Stream<Arguments> matrix() {
        TaskEvent started = new TaskEvent.Started();
        TaskEvent failed = new TaskEvent.LaunchFailed(TaskState.TASK_ERROR, Reason.REASON_CONTAINER_LAUNCH_FAILED,
                "no such image");
        TaskEvent kill = new TaskEvent.KillRequested(GRACE);
        TaskEvent healthy = new TaskEvent.HealthChanged(true, null);
        TaskEvent unhealthy = new TaskEvent.Unhealthy(GRACE, "HTTP 503");
        TaskEvent exit0 = new TaskEvent.Exited(ContainerExit.exited(0, AT), "");
        TaskEvent exit3 = new TaskEvent.Exited(ContainerExit.exited(3, AT), "boom");
        TaskEvent vanished = new TaskEvent.Vanished(TaskState.TASK_LOST, "gone");
        TaskEvent cancelled = new TaskEvent.LaunchCancelled();
        return Stream.of(
                // phase, event, next phase, reported state
                Arguments.of(launching(), started, TaskPhase.RUNNING, TaskState.TASK_RUNNING),
                Arguments.of(launching(), failed, TaskPhase.DONE, TaskState.TASK_ERROR),
                Arguments.of(launching(), kill, TaskPhase.LAUNCHING, TaskState.TASK_STARTING),
                Arguments.of(launching(), healthy, TaskPhase.LAUNCHING, TaskState.TASK_STARTING),
                Arguments.of(launching(), unhealthy, TaskPhase.LAUNCHING, TaskState.TASK_STARTING),
                Arguments.of(launching(), vanished, TaskPhase.DONE, TaskState.TASK_LOST),
                Arguments.of(launching(), cancelled, TaskPhase.DONE, TaskState.TASK_KILLED),
                Arguments.of(running(), cancelled, TaskPhase.RUNNING, TaskState.TASK_RUNNING),
                Arguments.of(killing(), cancelled, TaskPhase.KILLING, TaskState.TASK_RUNNING),
                Arguments.of(done(), cancelled, TaskPhase.DONE, TaskState.TASK_FINISHED),
                Arguments.of(running(), started, TaskPhase.RUNNING, TaskState.TASK_RUNNING),
                Arguments.of(running(), failed, TaskPhase.RUNNING, TaskState.TASK_RUNNING),
                Arguments.of(running(), kill, TaskPhase.KILLING, TaskState.TASK_RUNNING),
                Arguments.of(running(), healthy, TaskPhase.RUNNING, TaskState.TASK_RUNNING),
                Arguments.of(running(), unhealthy, TaskPhase.KILLING, TaskState.TASK_RUNNING),
                Arguments.of(running(), exit0, TaskPhase.DONE, TaskState.TASK_FINISHED),
                Arguments.of(running(), exit3, TaskPhase.DONE, TaskState.TASK_FAILED),
                Arguments.of(running(), vanished, TaskPhase.DONE, TaskState.TASK_LOST),
                Arguments.of(killing(), kill, TaskPhase.KILLING, TaskState.TASK_RUNNING),
                Arguments.of(killing(), healthy, TaskPhase.KILLING, TaskState.TASK_RUNNING),
                Arguments.of(killing(), exit0, TaskPhase.DONE, TaskState.TASK_KILLED),
                Arguments.of(killing(), exit3, TaskPhase.DONE, TaskState.TASK_KILLED),
                Arguments.of(done(), started, TaskPhase.DONE, TaskState.TASK_FINISHED),
                Arguments.of(done(), kill, TaskPhase.DONE, TaskState.TASK_FINISHED),
                Arguments.of(done(), exit3, TaskPhase.DONE, TaskState.TASK_FINISHED),
                Arguments.of(done(), vanished, TaskPhase.DONE, TaskState.TASK_FINISHED));
    }

    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @MethodSource("matrix")
    void transitions(TaskCondition from, TaskEvent event, TaskPhase phase, TaskState reported) {
        TaskLifecycle.Transition t = TaskLifecycle.transition(from, event);
        assertThat(t.condition().phase()).isEqualTo(phase);
        assertThat(t.condition().reported()).isEqualTo(reported);
    }

    @Test
    void startingReportsRunningAndStartsTheHealthCheck() {
        var t = TaskLifecycle.transition(launching(), new TaskEvent.Started());
        assertThat(t.effects()).containsExactly(new SideEffect.Report(TaskState.TASK_RUNNING, null, null, null),
                new SideEffect.StartHealthCheck());
    }

    @Test
    void aKillDuringTheLaunchStopsTheContainerOnceItStartsAndEndsKilledDuringLaunch() {
        var killed = TaskLifecycle.transition(launching(), new TaskEvent.KillRequested(GRACE));
        assertThat(killed.effects()).containsExactly(new SideEffect.CancelLaunch());
        var started = TaskLifecycle.transition(killed.condition(), new TaskEvent.Started());
        assertThat(started.effects()).containsExactly(new SideEffect.KillContainer(GRACE));
        var exited = TaskLifecycle.transition(started.condition(),
                new TaskEvent.Exited(ContainerExit.killed(137, AT), ""));
        assertThat(exited.effects()).contains(new SideEffect.Report(TaskState.TASK_KILLED, null,
                "Command was killed", null));
    }

    @Test
    void aKillBeforeTheContainerStartedThatFailsToLaunchReportsTheLaunchFailure() {
        var killed = TaskLifecycle.transition(launching(), new TaskEvent.KillRequested(GRACE));
        var failed = TaskLifecycle.transition(killed.condition(), new TaskEvent.LaunchFailed(TaskState.TASK_FAILED,
                Reason.REASON_CONTAINER_LAUNCH_FAILED, "port taken"));
        assertThat(failed.effects()).containsExactly(new SideEffect.Report(TaskState.TASK_FAILED,
                Reason.REASON_CONTAINER_LAUNCH_FAILED, "port taken", null));
    }

    @Test
    void aKillDuringTheFetchCancelsItAndEndsKilledDuringLaunchWithoutAContainer() {
        var killed = TaskLifecycle.transition(TaskCondition.launching(true), new TaskEvent.KillRequested(GRACE));
        assertThat(killed.effects()).containsExactly(
                new SideEffect.Report(TaskState.TASK_KILLING, null, null, null), new SideEffect.CancelLaunch());
        var cancelled = TaskLifecycle.transition(killed.condition(), new TaskEvent.LaunchCancelled());
        assertThat(cancelled.effects()).containsExactly(new SideEffect.Report(TaskState.TASK_KILLED,
                Reason.REASON_TASK_KILLED_DURING_LAUNCH, "Task killed before its container started", null));
        assertThat(cancelled.condition().phase()).isEqualTo(TaskPhase.DONE);
    }

    @Test
    void killingARunningTaskStopsItsHealthCheckAndItsContainerWithTheGracePeriod() {
        var t = TaskLifecycle.transition(running(), new TaskEvent.KillRequested(GRACE));
        assertThat(t.effects()).containsExactly(new SideEffect.StopHealthCheck(), new SideEffect.KillContainer(GRACE));
    }

    @Test
    void frameworksThatUnderstandKillingGetTaskKillingFirst() {
        TaskCondition running = TaskCondition.launching(true).in(TaskPhase.RUNNING, TaskState.TASK_RUNNING);
        var t = TaskLifecycle.transition(running, new TaskEvent.KillRequested(GRACE));
        assertThat(t.effects().getFirst()).isEqualTo(new SideEffect.Report(TaskState.TASK_KILLING, null, null, null));
        assertThat(t.condition().reported()).isEqualTo(TaskState.TASK_KILLING);
    }

    @Test
    void aFailedExitQuotesTheExitCodeAndTheLastLinesOfStderr() {
        var t = TaskLifecycle.transition(running(), new TaskEvent.Exited(ContainerExit.exited(3, AT),
                "line 1\nline 2"));
        assertThat(t.effects()).containsExactly(new SideEffect.StopHealthCheck(), new SideEffect.Report(
                TaskState.TASK_FAILED, Reason.REASON_COMMAND_EXECUTOR_FAILED,
                "Command exited with status 3; last lines of stderr:\nline 1\nline 2", null));
    }

    @Test
    void anOomKillIsAMemoryLimitation() {
        var t = TaskLifecycle.transition(running(), new TaskEvent.Exited(
                new ContainerExit(137, false, true, null, AT), ""));
        assertThat(((SideEffect.Report) t.effects().get(1)).reason()).isEqualTo(
                Reason.REASON_CONTAINER_LIMITATION_MEMORY);
    }

    @Test
    void healthVerdictsAreReportedOnlyWhenTheyChange() {
        var first = TaskLifecycle.transition(running(), new TaskEvent.HealthChanged(true, null));
        assertThat(first.effects()).containsExactly(new SideEffect.Report(TaskState.TASK_RUNNING,
                Reason.REASON_TASK_HEALTH_CHECK_STATUS_UPDATED, null, true));
        var same = TaskLifecycle.transition(first.condition(), new TaskEvent.HealthChanged(true, null));
        assertThat(same.effects()).isEmpty();
        var changed = TaskLifecycle.transition(same.condition(), new TaskEvent.HealthChanged(false, "503"));
        assertThat(changed.effects()).containsExactly(new SideEffect.Report(TaskState.TASK_RUNNING,
                Reason.REASON_TASK_HEALTH_CHECK_STATUS_UPDATED, "503", false));
    }

    @Test
    void anUnhealthyTaskIsKilledAndEndsKilledAndUnhealthy() {
        var killing = TaskLifecycle.transition(running(), new TaskEvent.Unhealthy(GRACE, "HTTP 503"));
        assertThat(killing.effects()).containsExactly(new SideEffect.StopHealthCheck(),
                new SideEffect.KillContainer(GRACE));
        var exited = TaskLifecycle.transition(killing.condition(),
                new TaskEvent.Exited(ContainerExit.killed(143, AT), ""));
        assertThat(exited.effects()).containsExactly(new SideEffect.StopHealthCheck(), new SideEffect.Report(
                TaskState.TASK_KILLED, null, "Task killed after failing its health check: HTTP 503", false));
    }

    @Test
    void nothingFollowsATerminalState() {
        for (TaskEvent e : List.of(new TaskEvent.Started(), new TaskEvent.KillRequested(GRACE),
                new TaskEvent.HealthChanged(false, "x"), new TaskEvent.Exited(ContainerExit.exited(0, AT), ""))) {
            assertThat(TaskLifecycle.transition(done(), e).effects()).isEmpty();
        }
    }

    @Test
    void aTaskPastItsMaximumCompletionTimeIsKilledAndFails() {
        var reached = TaskLifecycle.transition(running(),
                new TaskEvent.CompletionTimeReached(GRACE, Duration.ofMinutes(5)));
        assertThat(reached.condition().phase()).isEqualTo(TaskPhase.KILLING);
        assertThat(reached.effects()).containsExactly(new SideEffect.StopHealthCheck(),
                new SideEffect.KillContainer(GRACE));

        var exited = TaskLifecycle.transition(reached.condition(),
                new TaskEvent.Exited(ContainerExit.killed(137, AT), ""));
        assertThat(exited.effects()).contains(new SideEffect.Report(TaskState.TASK_FAILED,
                Reason.REASON_MAX_COMPLETION_TIME_REACHED, "Task exceeded its maximum completion time of PT5M",
                null));
    }

    @Test
    void theCompletionDeadlineChangesNothingOnceTheTaskEndsOrIsBeingKilled() {
        TaskEvent reached = new TaskEvent.CompletionTimeReached(GRACE, Duration.ofSeconds(1));
        assertThat(TaskLifecycle.transition(done(), reached).effects()).isEmpty();
        var whileKilled = TaskLifecycle.transition(killing(), reached);
        assertThat(whileKilled.effects()).isEmpty();
        assertThat(TaskLifecycle.transition(whileKilled.condition(),
                new TaskEvent.Exited(ContainerExit.killed(137, AT), "")).condition().reported())
                .as("a framework's KILL stays a kill").isEqualTo(TaskState.TASK_KILLED);
    }
}
