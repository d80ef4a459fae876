package io.mpaas.protocol.mesos;

/**
 * Mesos's task states. The master sets STAGING; the agent reports the rest. Terminal states
 * release the task's resources. TASK_LOST is treated as terminal although a task can come back
 * after a partition heals; partition-aware frameworks get UNREACHABLE/GONE/DROPPED/UNKNOWN instead.
 */
public enum TaskState {
    /** Accepted by the master, on its way to the agent. Next: STARTING, RUNNING, any terminal, UNREACHABLE. */
    TASK_STAGING(false),
    /** The agent is starting it (pulling the image, creating the container). */
    TASK_STARTING(false),
    /** Running. */
    TASK_RUNNING(false),
    /** A kill was started; only frameworks with TASK_KILLING_STATE see it. */
    TASK_KILLING(false),
    /** Exited with status 0. Terminal. */
    TASK_FINISHED(true),
    /** Exited with a non-zero status or could not start. Terminal. */
    TASK_FAILED(true),
    /** Killed on request. Terminal. */
    TASK_KILLED(true),
    /** The task description was invalid; it never ran. Terminal. */
    TASK_ERROR(true),
    /** Lost with its agent (non-partition-aware frameworks). Terminal, though it may reappear. */
    TASK_LOST(true),
    /** A transient launch failure (partition-aware). Terminal. */
    TASK_DROPPED(true),
    /** Its agent is unreachable (partition-aware); it may come back. */
    TASK_UNREACHABLE(false),
    /** Its agent is gone for good (partition-aware). Terminal. */
    TASK_GONE(true),
    /** An operator declared its agent gone. Terminal. */
    TASK_GONE_BY_OPERATOR(true),
    /** The master knows nothing of it (reconciliation only). */
    TASK_UNKNOWN(false);

    private final boolean terminal;

    TaskState(boolean terminal) {
        this.terminal = terminal;
    }

    public boolean isTerminal() {
        return terminal;
    }
}
