package io.mpaas.agent.container;

import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.ContainerId;
import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.TaskInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a containerizer needs to start one task.
 *
 * @param containerId the container's id (Docker name {@code mesos-<id>})
 * @param task the task as the framework sent it: command, container, resources, kill policy
 * @param frameworkId the task's framework
 * @param agentId this agent
 * @param sandbox the task's sandbox directory on this machine (exists, holding the fetched URIs
 *     and the fetcher's {@code stdout}/{@code stderr}, to which the task's output is appended);
 *     mounted at {@link #SANDBOX_IN_CONTAINER} in Docker containers, the working directory of
 *     processes
 * @param environment the complete environment of the task's process, already computed by the
 *     agent: the task's own variables plus {@code MESOS_TASK_ID}, {@code MESOS_SANDBOX},
 *     {@code HOST} and the others (a containerizer adds nothing but what it must, such as
 *     {@code MESOS_SANDBOX} pointing inside the container)
 * @param cpus the task's cpus (for Docker: {@code 1024 * cpus} CPU shares)
 * @param memMegabytes the task's memory limit in MB, or 0 for none
 * @param hostPorts the host ports the task was given, in the order of its resources
 */
public record LaunchSpec(
        ContainerId containerId,
        TaskInfo task,
        FrameworkId frameworkId,
        AgentId agentId,
        Path sandbox,
        Map<String, String> environment,
        double cpus,
        double memMegabytes,
        List<Long> hostPorts) {

    /** Where Docker containers see their sandbox, as in Mesos ({@code --sandbox_directory}). */
    public static final String SANDBOX_IN_CONTAINER = "/mnt/mesos/sandbox";

    public LaunchSpec {
        Objects.requireNonNull(containerId, "containerId");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(sandbox, "sandbox");
        environment = Map.copyOf(environment);
        hostPorts = List.copyOf(hostPorts);
    }
}
