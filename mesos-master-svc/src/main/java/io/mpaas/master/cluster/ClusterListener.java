package io.mpaas.master.cluster;

import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.FrameworkInfo;
import io.mpaas.protocol.mesos.TaskStatus;

/**
 * Hears what changes in the cluster: the operator event stream and the metrics listen here.
 * Called under the cluster lock, in the order things happen; implementations must not block.
 */
public interface ClusterListener {

    default void taskAdded(MasterTask task) {
    }

    default void taskUpdated(MasterTask task, TaskStatus status) {
    }

    default void agentAdded(Agent agent) {
    }

    default void agentRemoved(AgentId agentId) {
    }

    default void frameworkAdded(Framework framework) {
    }

    default void frameworkUpdated(Framework framework) {
    }

    default void frameworkRemoved(FrameworkInfo info) {
    }
}
