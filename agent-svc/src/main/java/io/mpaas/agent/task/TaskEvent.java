package io.mpaas.agent.task;

import io.mpaas.agent.container.ContainerExit;
import io.mpaas.protocol.mesos.TaskState;
import io.mpaas.protocol.mesos.TaskStatus;
import java.time.Duration;

/** What can happen to a task on the agent; fed to {@link TaskLifecycle#transition}. */
sealed interface TaskEvent {

    /** The container runs. */
    record Started() implements TaskEvent {
    }

    /** The container could not be started. */
    record LaunchFailed(TaskState state, TaskStatus.Reason reason, String message) implements TaskEvent {
    }

    /** A kill came before the container started and the launch stopped short of starting it. */
    record LaunchCancelled() implements TaskEvent {
    }

    /** The framework (or the framework's removal) asks for the task to end. */
    record KillRequested(Duration grace) implements TaskEvent {
    }

    /** The task's health check changed its verdict (or gave its first one). */
    record HealthChanged(boolean healthy, String message) implements TaskEvent {
    }

    /** The task ran for its {@code max_completion_time}: it is killed and fails, as Mesos does. */
    record CompletionTimeReached(Duration grace, Duration maxCompletionTime) implements TaskEvent {
    }

    /** The health check failed too often in a row: the task is killed, as Mesos does. */
    record Unhealthy(Duration grace, String message) implements TaskEvent {
    }

    /** The container ended; {@code stderrTail} is the last lines of its stderr, for the message. */
    record Exited(ContainerExit exit, String stderrTail) implements TaskEvent {
    }

    /** After an agent restart the container was not found. */
    record Vanished(TaskState state, String message) implements TaskEvent {
    }
}
