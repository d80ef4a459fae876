package io.mpaas.agent.task;

import io.mpaas.agent.checkpoint.Checkpoints;
import io.mpaas.agent.status.StatusUpdates;
import org.springframework.stereotype.Component;

/** Removes what finished tasks leave behind, when the garbage collector decides so. */
@Component
public class TaskCleanup {

    private final AgentTasks tasks;
    private final Containerizers containerizers;
    private final Checkpoints checkpoints;
    private final StatusUpdates updates;

    public TaskCleanup(AgentTasks tasks, Containerizers containerizers, Checkpoints checkpoints,
            StatusUpdates updates) {
        this.tasks = tasks;
        this.containerizers = containerizers;
        this.checkpoints = checkpoints;
        this.updates = updates;
    }

    /** Whether every update of the task was acknowledged (only then may its traces go). */
    public boolean settled(AgentTask task) {
        return task.isTerminal() && updates.pending(task.taskId()) == 0;
    }

    /** Removes the exited container (Docker: {@code rm -v}); the sandbox stays. Idempotent. */
    public void removeContainer(AgentTask task) {
        if (task.markContainerRemoved()) {
            containerizers.of(task.kind()).ifPresent(c -> c.remove(task.containerId()));
        }
    }

    /** Whether the container was removed already. */
    public boolean containerRemoved(AgentTask task) {
        return task.containerRemoved();
    }

    /** Removes the sandbox and the checkpoint, and forgets the task. */
    public void forget(AgentTask task) {
        removeContainer(task);
        Checkpoints.delete(task.sandbox());
        checkpoints.removeTask(task.frameworkId(), task.taskId());
        updates.forget(task.taskId());
        tasks.remove(task);
    }
}
