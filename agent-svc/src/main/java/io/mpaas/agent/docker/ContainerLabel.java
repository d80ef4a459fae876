package io.mpaas.agent.docker;

/**
 * The labels the containerizer puts on every container it creates. They make a container
 * recognisable after an agent restart from the engine alone, and {@link #AGENT_WORK_DIR}
 * tells this agent's containers from those of another agent on the same engine (Mesos
 * instead assumes it owns every container named {@code mesos-*}, and two agents on one host
 * kill each other's containers as orphans unless {@code --docker_kill_orphans=false}).
 */
public enum ContainerLabel {
    /** The task's id. */
    TASK_ID("io.mpaas.task-id"),
    /** The task's framework. */
    FRAMEWORK_ID("io.mpaas.framework-id"),
    /** The agent that launched it. Agent ids change when an agent re-registers as new, so recovery does not key on it. */
    AGENT_ID("io.mpaas.agent-id"),
    /** The Mesos container id; the container's name is {@code mesos-} followed by it. */
    CONTAINER_ID("io.mpaas.container-id"),
    /** The absolute work directory of the agent that owns it: what recovery selects on. */
    AGENT_WORK_DIR("io.mpaas.agent-work-dir");

    /** Labels under this prefix are the agent's; a task's docker parameters may not set them. */
    public static final String RESERVED_PREFIX = "io.mpaas.";

    private final String key;

    ContainerLabel(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
