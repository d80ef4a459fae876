package io.mpaas.agent.task;

/** Where a task is on the agent. */
enum TaskPhase {
    /**
     * TASK_STARTING was sent; the container is being prepared (URI fetch, image pull, create,
     * start). May follow: RUNNING, KILLING, DONE (a failed launch, or a kill before the container started).
     */
    LAUNCHING,
    /** The container runs; TASK_RUNNING was sent. May follow: KILLING, DONE. */
    RUNNING,
    /** The container was told to stop; its exit ends the task. May follow: DONE. */
    KILLING,
    /** A terminal update was sent; nothing follows. */
    DONE
}
