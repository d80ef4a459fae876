package io.mpaas.protocol.mesos;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** A task to launch, as a framework sends it in a LAUNCH operation. Exactly one of {@code command} and {@code executor}. */
public record TaskInfo(
        String name,
        TaskId taskId,
        AgentId agentId,
        List<Resource> resources,
        ExecutorInfo executor,
        CommandInfo command,
        ContainerInfo container,
        HealthCheck healthCheck,
        JsonNode check,
        KillPolicy killPolicy,
        String data,
        Labels labels,
        DiscoveryInfo discovery,
        DurationInfo maxCompletionTime,
        Map<String, JsonNode> limits) {

    public TaskInfo {
        resources = resources == null ? List.of() : List.copyOf(resources);
        limits = limits == null ? null : Map.copyOf(limits);
    }

    public static TaskInfo command(String name, TaskId id, AgentId agent, List<Resource> resources, CommandInfo cmd) {
        return new TaskInfo(name, id, agent, resources, null, cmd, null, null, null, null, null, null, null, null,
                null);
    }

    public TaskInfo withAgentId(AgentId agent) {
        return new TaskInfo(name, taskId, agent, resources, executor, command, container, healthCheck, check,
                killPolicy, data, labels, discovery, maxCompletionTime, limits);
    }

    public TaskInfo withResources(List<Resource> newResources) {
        return new TaskInfo(name, taskId, agentId, newResources, executor, command, container, healthCheck, check,
                killPolicy, data, labels, discovery, maxCompletionTime, limits);
    }

    public TaskInfo withExecutor(ExecutorInfo newExecutor) {
        return new TaskInfo(name, taskId, agentId, resources, newExecutor, command, container, healthCheck, check,
                killPolicy, data, labels, discovery, maxCompletionTime, limits);
    }
}
