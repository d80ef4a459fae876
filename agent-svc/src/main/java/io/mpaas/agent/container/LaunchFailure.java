package io.mpaas.agent.container;

import io.mpaas.protocol.mesos.TaskState;
import io.mpaas.protocol.mesos.TaskStatus;

/**
 * A task that could not be started; becomes its terminal status update.
 * {@link TaskState#TASK_ERROR} when the task itself is at fault (an unknown image, a
 * parameter the agent does not support, privileged without permission),
 * {@link TaskState#TASK_FAILED} when the launch failed for another reason (the Docker
 * engine is down, the pull timed out, a port is taken, the command is not found).
 */
public final class LaunchFailure extends Exception {

    private final TaskState state;
    private final TaskStatus.Reason reason;

    public LaunchFailure(TaskState state, TaskStatus.Reason reason, String message) {
        super(message);
        this.state = state;
        this.reason = reason;
    }

    public LaunchFailure(TaskState state, TaskStatus.Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.state = state;
        this.reason = reason;
    }

    /** The task's fault: TASK_ERROR with REASON_CONTAINER_LAUNCH_FAILED. */
    public static LaunchFailure invalid(String message) {
        return new LaunchFailure(TaskState.TASK_ERROR, TaskStatus.Reason.REASON_CONTAINER_LAUNCH_FAILED, message);
    }

    /** Not the task's fault: TASK_FAILED with REASON_CONTAINER_LAUNCH_FAILED. */
    public static LaunchFailure failed(String message, Throwable cause) {
        return new LaunchFailure(TaskState.TASK_FAILED, TaskStatus.Reason.REASON_CONTAINER_LAUNCH_FAILED, message,
                cause);
    }

    public TaskState state() {
        return state;
    }

    public TaskStatus.Reason reason() {
        return reason;
    }
}
