package io.mpaas.agent.task;

import io.mpaas.agent.container.ContainerHandle;
import io.mpaas.protocol.mesos.HealthCheck;
import io.mpaas.protocol.mesos.TaskId;

/** Runs a task's health check (implemented over {@code io.mpaas.agent.health}). */
public interface HealthWatch {

    /** What a running check reports. Called from the check's own thread. */
    interface Listener {
        void healthChanged(boolean healthy, String message);

        /** Failed too often in a row: kill the task. Called at most once. */
        void unhealthy(String message);
    }

    /** A running check. */
    interface Running {
        void stop();
    }

    /** @throws IllegalArgumentException saying what is wrong with the check (the task then ends in TASK_ERROR) */
    void validate(HealthCheck check);

    /** Starts checking a task whose container has just started (the check's delay and grace period count from now). */
    Running start(TaskId task, HealthCheck check, ContainerHandle container, Listener listener);
}
