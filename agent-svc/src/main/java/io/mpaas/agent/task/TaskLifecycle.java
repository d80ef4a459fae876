package io.mpaas.agent.task;

import io.mpaas.agent.container.ContainerExit;
import io.mpaas.protocol.mesos.TaskState;
import io.mpaas.protocol.mesos.TaskStatus.Reason;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent's task state machine, pure: {@code transition(condition, event)} gives the next
 * condition and the side effects to carry out. Events that do not apply to a phase (a health
 * verdict for a task being killed, a second kill) change nothing; that is not an error, since
 * they race with the task's own end by nature.
 */
final class TaskLifecycle {

    /** The result of one transition. */
    record Transition(TaskCondition condition, List<SideEffect> effects) {
        Transition {
            effects = List.copyOf(effects);
        }

        static Transition none(TaskCondition unchanged) {
            return new Transition(unchanged, List.of());
        }
    }

    private TaskLifecycle() {
    }

    static Transition transition(TaskCondition current, TaskEvent event) {
        if (current.phase() == TaskPhase.DONE) {
            return Transition.none(current);
        }
        return switch (event) {
            case TaskEvent.Started started -> started(current);
            case TaskEvent.LaunchFailed failed -> failed(current, failed);
            case TaskEvent.LaunchCancelled ignored -> current.phase() == TaskPhase.LAUNCHING
                    ? done(current, TaskState.TASK_KILLED, Reason.REASON_TASK_KILLED_DURING_LAUNCH,
                            current.killMessage() != null ? current.killMessage()
                                    : "Task killed before its container started", null)
                    : Transition.none(current);
            case TaskEvent.KillRequested kill -> kill(current, current.killing(kill.grace(), null));
            case TaskEvent.Unhealthy unhealthy -> current.phase() == TaskPhase.RUNNING
                    ? kill(current.withHealthy(false), current.withHealthy(false).killing(unhealthy.grace(),
                            "Task killed after failing its health check: " + unhealthy.message()))
                    : Transition.none(current);
            case TaskEvent.CompletionTimeReached reached -> current.phase() == TaskPhase.RUNNING
                    ? kill(current, current.overdueKill(reached.grace(), "Task exceeded its maximum completion time of "
                            + reached.maxCompletionTime()))
                    : Transition.none(current);
            case TaskEvent.HealthChanged health -> health(current, health);
            case TaskEvent.Exited exited -> exited(current, exited);
            case TaskEvent.Vanished vanished -> done(current, vanished.state(), Reason.REASON_EXECUTOR_TERMINATED,
                    vanished.message(), current.healthy());
        };
    }

    private static Transition started(TaskCondition current) {
        if (current.phase() != TaskPhase.LAUNCHING) {
            return Transition.none(current);
        }
        if (current.killRequested()) {
            // Killed while it was being launched: it started anyway, so stop it now.
            return new Transition(current.in(TaskPhase.KILLING, current.reported()),
                    List.of(new SideEffect.KillContainer(current.killGrace())));
        }
        return new Transition(current.in(TaskPhase.RUNNING, TaskState.TASK_RUNNING), List.of(
                new SideEffect.Report(TaskState.TASK_RUNNING, null, null, null),
                new SideEffect.StartHealthCheck()));
    }

    private static Transition failed(TaskCondition current, TaskEvent.LaunchFailed failed) {
        if (current.phase() != TaskPhase.LAUNCHING) {
            return Transition.none(current);
        }
        return done(current, failed.state(), failed.reason(), failed.message(), null);
    }

    private static Transition kill(TaskCondition current, TaskCondition killing) {
        if (current.phase() == TaskPhase.KILLING || current.killRequested()) {
            return Transition.none(current);
        }
        List<SideEffect> effects = new ArrayList<>();
        TaskState reported = current.reported();
        if (current.reportsKilling()) {
            effects.add(new SideEffect.Report(TaskState.TASK_KILLING, null, killing.killMessage(), killing.healthy()));
            reported = TaskState.TASK_KILLING;
        }
        if (current.phase() == TaskPhase.LAUNCHING) {
            // No container yet: the fetch is cancelled, and a container that starts anyway
            // (the kill came too late to stop the launch) is stopped as soon as it runs.
            effects.add(new SideEffect.CancelLaunch());
            return new Transition(killing.in(TaskPhase.LAUNCHING, reported), effects);
        }
        effects.add(new SideEffect.StopHealthCheck());
        effects.add(new SideEffect.KillContainer(killing.killGrace()));
        return new Transition(killing.in(TaskPhase.KILLING, reported), effects);
    }

    private static Transition health(TaskCondition current, TaskEvent.HealthChanged health) {
        if (current.phase() != TaskPhase.RUNNING || Boolean.valueOf(health.healthy()).equals(current.healthy())) {
            return Transition.none(current);
        }
        return new Transition(current.withHealthy(health.healthy()), List.of(new SideEffect.Report(
                TaskState.TASK_RUNNING, Reason.REASON_TASK_HEALTH_CHECK_STATUS_UPDATED, health.message(),
                health.healthy())));
    }

    private static Transition exited(TaskCondition current, TaskEvent.Exited exited) {
        ContainerExit exit = exited.exit();
        if (current.overdue()) {
            return done(current, TaskState.TASK_FAILED, Reason.REASON_MAX_COMPLETION_TIME_REACHED,
                    current.killMessage(), current.healthy());
        }
        if (current.killRequested()) {
            Reason reason = current.phase() == TaskPhase.LAUNCHING ? Reason.REASON_TASK_KILLED_DURING_LAUNCH : null;
            String message = current.killMessage() != null ? current.killMessage() : "Command was killed";
            return done(current, TaskState.TASK_KILLED, reason, message, current.healthy());
        }
        if (exit.oomKilled()) {
            return done(current, TaskState.TASK_FAILED, Reason.REASON_CONTAINER_LIMITATION_MEMORY,
                    "Memory limit exceeded: the task was killed by the kernel (OOM)", current.healthy());
        }
        if (exit.exitCode() != null && exit.exitCode() == 0) {
            return done(current, TaskState.TASK_FINISHED, null, "Command exited with status 0", current.healthy());
        }
        String what = exit.exitCode() != null ? "Command exited with status " + exit.exitCode()
                : exit.message() != null ? exit.message() : "Command terminated without an exit status";
        String tail = exited.stderrTail();
        return done(current, TaskState.TASK_FAILED, Reason.REASON_COMMAND_EXECUTOR_FAILED,
                tail == null || tail.isBlank() ? what : what + "; last lines of stderr:\n" + tail, current.healthy());
    }

    private static Transition done(TaskCondition current, TaskState state, Reason reason, String message,
            Boolean healthy) {
        List<SideEffect> effects = new ArrayList<>();
        if (current.phase() == TaskPhase.RUNNING || current.phase() == TaskPhase.KILLING) {
            effects.add(new SideEffect.StopHealthCheck());
        }
        effects.add(new SideEffect.Report(state, reason, message, healthy));
        return new Transition(current.in(TaskPhase.DONE, state), effects);
    }
}
