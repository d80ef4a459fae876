package io.mpaas.protocol.mesos.master;

import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.FrameworkInfo;
import io.mpaas.protocol.mesos.Task;
import io.mpaas.protocol.mesos.TaskState;
import io.mpaas.protocol.mesos.TaskStatus;

/**
 * An event on an operator subscription (SUBSCRIBE on {@code /api/v1}, Mesos's {@code master.proto}
 * {@code Event}), one RecordIO record each. The first is SUBSCRIBED with the whole state; after it
 * every change arrives as an event, so a subscriber keeps an exact copy without polling.
 */
public record OperatorEvent(
        Type type,
        Subscribed subscribed,
        TaskAdded taskAdded,
        TaskUpdated taskUpdated,
        AgentAdded agentAdded,
        AgentRemoved agentRemoved,
        FrameworkAdded frameworkAdded,
        FrameworkUpdated frameworkUpdated,
        FrameworkRemoved frameworkRemoved) {

    public enum Type {
        UNKNOWN,
        SUBSCRIBED,
        TASK_ADDED,
        TASK_UPDATED,
        AGENT_ADDED,
        AGENT_REMOVED,
        FRAMEWORK_ADDED,
        FRAMEWORK_UPDATED,
        FRAMEWORK_REMOVED,
        HEARTBEAT
    }

    /** The state when the subscription began, and how often a HEARTBEAT comes when nothing else does. */
    public record Subscribed(OperatorResponse.GetState getState, Double heartbeatIntervalSeconds) {
    }

    public record TaskAdded(Task task) {
    }

    /** {@code state} is the task's state now; {@code status} the update that moved it there. */
    public record TaskUpdated(FrameworkId frameworkId, TaskStatus status, TaskState state) {
    }

    public record AgentAdded(OperatorResponse.GetAgents.Agent agent) {
    }

    public record AgentRemoved(AgentId agentId) {
    }

    public record FrameworkAdded(OperatorResponse.GetFrameworks.Framework framework) {
    }

    public record FrameworkUpdated(OperatorResponse.GetFrameworks.Framework framework) {
    }

    public record FrameworkRemoved(FrameworkInfo frameworkInfo) {
    }

    public static final OperatorEvent HEARTBEAT = new OperatorEvent(Type.HEARTBEAT, null, null, null, null, null,
            null, null, null);

    public static OperatorEvent subscribed(OperatorResponse.GetState state, double heartbeatSeconds) {
        return new OperatorEvent(Type.SUBSCRIBED, new Subscribed(state, heartbeatSeconds), null, null, null, null,
                null, null, null);
    }

    public static OperatorEvent taskAdded(Task task) {
        return new OperatorEvent(Type.TASK_ADDED, null, new TaskAdded(task), null, null, null, null, null, null);
    }

    public static OperatorEvent taskUpdated(FrameworkId framework, TaskStatus status, TaskState state) {
        return new OperatorEvent(Type.TASK_UPDATED, null, null, new TaskUpdated(framework, status, state), null,
                null, null, null, null);
    }

    public static OperatorEvent agentAdded(OperatorResponse.GetAgents.Agent agent) {
        return new OperatorEvent(Type.AGENT_ADDED, null, null, null, new AgentAdded(agent), null, null, null, null);
    }

    public static OperatorEvent agentRemoved(AgentId agent) {
        return new OperatorEvent(Type.AGENT_REMOVED, null, null, null, null, new AgentRemoved(agent), null, null,
                null);
    }

    public static OperatorEvent frameworkAdded(OperatorResponse.GetFrameworks.Framework framework) {
        return new OperatorEvent(Type.FRAMEWORK_ADDED, null, null, null, null, null, new FrameworkAdded(framework),
                null, null);
    }

    public static OperatorEvent frameworkUpdated(OperatorResponse.GetFrameworks.Framework framework) {
        return new OperatorEvent(Type.FRAMEWORK_UPDATED, null, null, null, null, null, null,
                new FrameworkUpdated(framework), null);
    }

    public static OperatorEvent frameworkRemoved(FrameworkInfo info) {
        return new OperatorEvent(Type.FRAMEWORK_REMOVED, null, null, null, null, null, null, null,
                new FrameworkRemoved(info));
    }
}
