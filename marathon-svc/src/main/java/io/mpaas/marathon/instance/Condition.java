package io.mpaas.marathon.instance;

import io.mpaas.protocol.mesos.TaskState;
import io.mpaas.protocol.mesos.TaskStatus;

/**
 * The observed state of an instance, Marathon's {@code Condition}. Non-terminal conditions may move
 * to any later one as updates arrive; terminal ones end the instance's task.
 */
public enum Condition {
    /** Waiting in the launch queue for a fitting offer (no task yet). May follow: PROVISIONED. */
    SCHEDULED("Scheduled", null),
    /** A LAUNCH was sent; no status yet. May follow: any Mesos state. */
    PROVISIONED("Provisioned", TaskState.TASK_STAGING),
    STAGING("Staging", TaskState.TASK_STAGING),
    STARTING("Starting", TaskState.TASK_STARTING),
    RUNNING("Running", TaskState.TASK_RUNNING),
    /** A kill was sent (or the agent reported KILLING); not yet confirmed. */
    KILLING("Killing", TaskState.TASK_KILLING),
    /** The agent is unreachable; the task may still run. May follow: UNREACHABLE_INACTIVE, RUNNING, terminal. */
    UNREACHABLE("Unreachable", TaskState.TASK_UNREACHABLE),
    /** Unreachable longer than {@code inactiveAfterSeconds}: replaced, but not forgotten yet. */
    UNREACHABLE_INACTIVE("UnreachableInactive", TaskState.TASK_UNREACHABLE),
    FINISHED("Finished", TaskState.TASK_FINISHED),
    FAILED("Failed", TaskState.TASK_FAILED),
    KILLED("Killed", TaskState.TASK_KILLED),
    ERROR("Error", TaskState.TASK_ERROR),
    DROPPED("Dropped", TaskState.TASK_DROPPED),
    GONE("Gone", TaskState.TASK_GONE),
    GONE_BY_OPERATOR("GoneByOperator", TaskState.TASK_GONE_BY_OPERATOR),
    UNKNOWN("Unknown", TaskState.TASK_UNKNOWN);

    private final String marathonName;
    private final TaskState mesosState;

    Condition(String marathonName, TaskState mesosState) {
        this.marathonName = marathonName;
        this.mesosState = mesosState;
    }

    /** The name in {@code instance_changed_event}, e.g. {@code Running}. */
    public String marathonName() {
        return marathonName;
    }

    /** The Mesos state shown as a task's {@code state}; null while scheduled. */
    public TaskState mesosState() {
        return mesosState;
    }

    public boolean isTerminal() {
        return switch (this) {
            case FINISHED, FAILED, KILLED, ERROR, DROPPED, GONE, GONE_BY_OPERATOR, UNKNOWN -> true;
            default -> false;
        };
    }

    /** Launched and not terminal: it holds resources on an agent (or may, if unreachable). */
    public boolean isActive() {
        return this != SCHEDULED && !isTerminal();
    }

    /** The condition a Mesos status means; TASK_LOST by its reason, as Marathon maps it. */
    public static Condition of(TaskStatus status) {
        return switch (status.state()) {
            case TASK_STAGING -> STAGING;
            case TASK_STARTING -> STARTING;
            case TASK_RUNNING -> RUNNING;
            case TASK_KILLING -> KILLING;
            case TASK_FINISHED -> FINISHED;
            case TASK_FAILED -> FAILED;
            case TASK_KILLED -> KILLED;
            case TASK_ERROR -> ERROR;
            case TASK_DROPPED -> DROPPED;
            case TASK_GONE -> GONE;
            case TASK_GONE_BY_OPERATOR -> GONE_BY_OPERATOR;
            case TASK_UNREACHABLE -> UNREACHABLE;
            case TASK_UNKNOWN -> UNKNOWN;
            case TASK_LOST -> lost(status.reason());
        };
    }

    private static Condition lost(TaskStatus.Reason reason) {
        if (reason == null) {
            return UNKNOWN;
        }
        return switch (reason) {
            case REASON_AGENT_REMOVED, REASON_AGENT_REMOVED_BY_OPERATOR, REASON_CONTAINER_LAUNCH_FAILED,
                 REASON_EXECUTOR_TERMINATED, REASON_TASK_INVALID, REASON_INVALID_OFFERS, REASON_GC_ERROR,
                 REASON_CONTAINER_PREEMPTED -> GONE;
            case REASON_AGENT_DISCONNECTED, REASON_MASTER_DISCONNECTED, REASON_AGENT_RESTARTED,
                 REASON_AGENT_UNKNOWN -> UNREACHABLE;
            default -> UNKNOWN;
        };
    }
}
