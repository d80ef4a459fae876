package io.mpaas.master.cluster;

import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.FrameworkInfo;
import io.mpaas.protocol.mesos.TaskStatus;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Fans cluster changes out to every {@link ClusterListener}; one failing listener does not stop the others. */
public final class ClusterEvents {

    private static final Logger log = LoggerFactory.getLogger(ClusterEvents.class);

    private final List<ClusterListener> listeners;

    public ClusterEvents(List<ClusterListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    private void each(Consumer<ClusterListener> call) {
        for (ClusterListener l : listeners) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                log.warn("Cluster listener {} failed", l.getClass().getSimpleName(), e);
            }
        }
    }

    public void taskAdded(MasterTask task) {
        each(l -> l.taskAdded(task));
    }

    public void taskUpdated(MasterTask task, TaskStatus status) {
        each(l -> l.taskUpdated(task, status));
    }

    public void agentAdded(Agent agent) {
        each(l -> l.agentAdded(agent));
    }

    public void agentRemoved(AgentId agentId) {
        each(l -> l.agentRemoved(agentId));
    }

    public void frameworkAdded(Framework framework) {
        each(l -> l.frameworkAdded(framework));
    }

    public void frameworkUpdated(Framework framework) {
        each(l -> l.frameworkUpdated(framework));
    }

    public void frameworkRemoved(FrameworkInfo info) {
        each(l -> l.frameworkRemoved(info));
    }
}
