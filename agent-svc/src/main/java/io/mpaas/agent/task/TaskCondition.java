package io.mpaas.agent.task;

import io.mpaas.protocol.mesos.TaskState;
import java.time.Duration;

/**
 * The state of one task as the lifecycle sees it.
 *
 * @param phase where the task is
 * @param reported the last state sent to the master
 * @param killGrace set once a kill was asked for (even while launching)
 * @param killMessage why it is being killed when it is not the framework's own KILL (a failed health check)
 * @param healthy the last health verdict, null before the first one
 * @param reportsKilling the framework understands TASK_KILLING (capability TASK_KILLING_STATE)
 * @param overdue it is killed for running past its {@code max_completion_time}: it ends failed, not killed
 */
record TaskCondition(TaskPhase phase, TaskState reported, Duration killGrace, String killMessage, Boolean healthy,
        boolean reportsKilling, boolean overdue) {

    static TaskCondition launching(boolean reportsKilling) {
        return new TaskCondition(TaskPhase.LAUNCHING, TaskState.TASK_STARTING, null, null, null, reportsKilling,
                false);
    }

    static TaskCondition recovered(TaskPhase phase, TaskState reported, Boolean healthy, boolean reportsKilling) {
        return new TaskCondition(phase, reported, null, null, healthy, reportsKilling, false);
    }

    boolean killRequested() {
        return killGrace != null;
    }

    TaskCondition in(TaskPhase newPhase, TaskState newReported) {
        return new TaskCondition(newPhase, newReported, killGrace, killMessage, healthy, reportsKilling, overdue);
    }

    TaskCondition killing(Duration grace, String message) {
        return new TaskCondition(phase, reported, grace, message, healthy, reportsKilling, overdue);
    }

    TaskCondition withHealthy(boolean verdict) {
        return new TaskCondition(phase, reported, killGrace, killMessage, verdict, reportsKilling, overdue);
    }

    TaskCondition overdueKill(Duration grace, String message) {
        return new TaskCondition(phase, reported, grace, message, healthy, reportsKilling, true);
    }
}
