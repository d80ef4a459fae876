package io.mpaas.protocol.mesos;

import java.util.List;

/**
 * A task as the master and agents describe it (v1 {@code Task}): the launched TaskInfo plus
 * where it runs, its latest state and the status update the framework has yet to acknowledge.
 */
public record Task(
        String name,
        TaskId taskId,
        FrameworkId frameworkId,
        ExecutorId executorId,
        AgentId agentId,
        TaskState state,
        List<Resource> resources,
        List<TaskStatus> statuses,
        TaskState statusUpdateState,
        String statusUpdateUuid,
        Labels labels,
        DiscoveryInfo discovery,
        ContainerInfo container,
        HealthCheck healthCheck,
        KillPolicy killPolicy,
        String user) {

    public Task {
        resources = resources == null ? List.of() : List.copyOf(resources);
        statuses = statuses == null ? List.of() : List.copyOf(statuses);
    }
}
