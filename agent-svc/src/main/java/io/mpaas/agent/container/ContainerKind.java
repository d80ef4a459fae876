package io.mpaas.agent.container;

import io.mpaas.protocol.mesos.ContainerInfo;
import io.mpaas.protocol.mesos.TaskInfo;

/** How a task runs: in a Docker container, or as a plain process group on the machine. */
public enum ContainerKind {
    /** {@code container.type} DOCKER with an image: a Docker container through docker-java. */
    DOCKER,
    /** No image: {@code /bin/sh -c} (or argv) in the sandbox, in its own process group. */
    PROCESS;

    /** The kind a task asks for. */
    public static ContainerKind of(TaskInfo task) {
        ContainerInfo container = task.container();
        if (container != null && container.type() == ContainerInfo.Type.DOCKER) {
            return DOCKER;
        }
        return PROCESS;
    }
}
