package io.mpaas.agent.container;

/**
 * What a launch waits for right before the task's own code first runs (the container's start, the
 * process's spawn): the task's launch checkpoint on disk, so that a restarted agent knows every task
 * that ever ran. The preparation before it (the sandbox, the image, the container's creation) runs
 * while the checkpoint is being forced.
 */
@FunctionalInterface
public interface StartGate {

    /** A gate that is always open (a task whose checkpoint is already in place, tests). */
    StartGate OPEN = () -> { };

    /**
     * Returns once the task may start.
     *
     * @throws LaunchFailure the task must not start (its checkpoint could not be written)
     */
    void await() throws LaunchFailure, InterruptedException;
}
