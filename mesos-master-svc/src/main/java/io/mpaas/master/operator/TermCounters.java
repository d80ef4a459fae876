package io.mpaas.master.operator;

import io.mpaas.master.cluster.Agent;
import io.mpaas.master.cluster.Cluster;
import io.mpaas.master.cluster.ClusterListener;
import io.mpaas.master.cluster.MasterTask;
import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.MasterInfo;
import io.mpaas.protocol.mesos.TaskState;
import io.mpaas.protocol.mesos.TaskStatus;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Mesos's counters, which count events since this master became leader: tasks reaching each
 * terminal state ({@code master/tasks_finished}, ...) and agents registering, re-registering and
 * being removed. A new term (a new master id) starts them from zero, as a restarted Mesos master
 * would. Updated and read under the cluster lock only.
 */
@Component
public class TermCounters implements ClusterListener {

    private final Cluster cluster;
    private final Map<TaskState, Long> terminal = new EnumMap<>(TaskState.class);
    private long registrations;
    private long reregistrations;
    private long removals;
    private MasterInfo term;

    public TermCounters(Cluster cluster) {
        this.cluster = cluster;
    }

    /**
     * Counts a task that has just become terminal; a repeated terminal update (a retry the
     * framework may not have seen) is forwarded again but is not a new transition.
     */
    @Override
    public void taskUpdated(MasterTask task, TaskStatus status) {
        current();
        if (!task.state().isTerminal()) {
            return;
        }
        List<TaskStatus> statuses = task.task().statuses();
        boolean wasTerminal = statuses.size() >= 2 && statuses.get(statuses.size() - 2).state() != null
                && statuses.get(statuses.size() - 2).state().isTerminal();
        if (!wasTerminal) {
            terminal.merge(task.state(), 1L, Long::sum);
        }
    }

    /** A registration, or a re-registration when the agent had registered before. */
    @Override
    public void agentAdded(Agent agent) {
        current();
        if (agent.reregisteredTime() != null) {
            reregistrations++;
        } else {
            registrations++;
        }
    }

    @Override
    public void agentRemoved(AgentId agentId) {
        current();
        removals++;
    }

    /** The counts now; the caller holds the cluster lock. */
    Counts counts() {
        current();
        return new Counts(new EnumMap<>(terminal), registrations, reregistrations, removals);
    }

    private void current() {
        MasterInfo now = cluster.masterInfo();
        if (now != term) {
            term = now;
            terminal.clear();
            registrations = 0;
            reregistrations = 0;
            removals = 0;
        }
    }

    /** The counters at one instant. */
    record Counts(Map<TaskState, Long> terminal, long registrations, long reregistrations, long removals) {

        long terminal(TaskState state) {
            return terminal.getOrDefault(state, 0L);
        }
    }
}
