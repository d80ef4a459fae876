package io.mpaas.agent.checkpoint;

import io.mpaas.agent.container.ContainerKind;
import io.mpaas.protocol.mesos.ContainerId;
import io.mpaas.protocol.mesos.ExecutorId;
import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.TaskInfo;

/**
 * What the agent writes down before it launches a task, so that after a restart it can find
 * the task's container and sandbox again.
 *
 * @param sandbox the sandbox directory, absolute
 * @param launchedAt seconds since the epoch when the launch began
 */
public record TaskCheckpoint(FrameworkId frameworkId, ExecutorId executorId, TaskInfo task, ContainerId containerId, ContainerKind kind,
        String sandbox, double launchedAt) {
}
