package io.mpaas.agent.task;

import io.mpaas.agent.container.ContainerHandle;
import io.mpaas.protocol.mesos.HealthCheck;
import java.time.Instant;

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

    Running start(HealthCheck check, ContainerHandle container, Instant taskStarted, Listener listener);
}
