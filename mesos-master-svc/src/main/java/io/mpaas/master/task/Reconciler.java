package io.mpaas.master.task;

import io.mpaas.master.cluster.Agent;
import io.mpaas.master.cluster.Cluster;
import io.mpaas.master.cluster.Framework;
import io.mpaas.master.cluster.MasterTask;
import io.mpaas.master.cluster.PendingKill;
import io.mpaas.protocol.agentlink.AgentEvent;
import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.TaskId;
import io.mpaas.protocol.mesos.TaskState;
import io.mpaas.protocol.mesos.TaskStatus;
import io.mpaas.protocol.mesos.scheduler.Call;
import io.mpaas.protocol.mesos.scheduler.Event;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * RECONCILE and KILL. Reconciliation answers with the latest state the master knows (reason
 * REASON_RECONCILIATION, no uuid), and about unknown tasks the way Mesos does: TASK_LOST to
 * frameworks that are not partition-aware, otherwise UNKNOWN, UNREACHABLE or GONE depending on
 * the agent; no answer while the agent may still re-register after a failover. A KILL of a task
 * whose agent is away is remembered and delivered when the agent comes back. Callers hold the lock.
 */
@Component
public class Reconciler {

    private final Cluster cluster;
    private final Clock clock;

    public Reconciler(Cluster cluster, Clock clock) {
        this.cluster = cluster;
        this.clock = clock;
    }

    public void reconcile(Framework framework, Call.Reconcile reconcile) {
        double now = clock.millis() / 1000.0;
        if (reconcile.tasks().isEmpty()) {
            List<MasterTask> all = new ArrayList<>(framework.tasks().values());
            all.addAll(framework.unreachableTasks().values());
            for (MasterTask task : all) {
                framework.send(Event.update(statusOf(framework, task, now)));
            }
            return;
        }
        for (Call.Reconcile.ReconcileTask t : reconcile.tasks()) {
            if (t != null && t.taskId() != null) {
                explicit(framework, t.taskId(), t.agentId(), now).ifPresent(s -> framework.send(Event.update(s)));
            }
        }
    }

    /** The answer about one task, or empty when the master cannot know yet. */
    Optional<TaskStatus> explicit(Framework framework, TaskId taskId, AgentId agentId, double now) {
        MasterTask task = framework.tasks().get(taskId);
        if (task == null) {
            task = framework.unreachableTasks().get(taskId);
        }
        if (task != null) {
            return Optional.of(statusOf(framework, task, now));
        }
        boolean aware = framework.isPartitionAware();
        TaskState state;
        if (agentId != null) {
            Agent agent = cluster.agents().get(agentId);
            if (agent == null) {
                state = TaskState.TASK_UNKNOWN;
            } else {
                state = switch (agent.status()) {
                    case RECOVERING -> null;
                    case UNREACHABLE -> TaskState.TASK_UNREACHABLE;
                    case GONE, ACTIVE, DISCONNECTED -> TaskState.TASK_GONE;
                };
            }
        } else {
            boolean recovering = cluster.agents().values().stream()
                    .anyMatch(a -> a.status() == Agent.Status.RECOVERING);
            state = recovering ? null : TaskState.TASK_UNKNOWN;
        }
        if (state == null) {
            return Optional.empty();
        }
        TaskState visible = aware ? state : TaskState.TASK_LOST;
        return Optional.of(TaskStatus.fromMaster(taskId, visible, TaskStatus.Reason.REASON_RECONCILIATION,
                "Reconciliation: task is unknown", agentId, now));
    }

    private static TaskStatus statusOf(Framework framework, MasterTask task, double now) {
        TaskStatus latest = task.latestStatus();
        TaskState visible = TaskTracker.visibleState(framework, task.state());
        TaskStatus base = latest != null && latest.state() == task.state() ? latest
                : TaskStatus.fromMaster(task.id(), task.state(), null, null, task.agentId(), now);
        TaskStatus answer = base.forReconciliation(now);
        if (visible != answer.state()) {
            answer = new TaskStatus(answer.taskId(), visible, answer.message(), answer.source(), answer.reason(), null,
                    answer.agentId(), answer.executorId(), answer.timestamp(), null, null, null, null, null, null, null);
        }
        return answer.agentId() == null ? answer.withAgentId(task.agentId()) : answer;
    }

    /** KILL: to the agent now, or when it is back; an unknown task is answered through reconciliation. */
    public void kill(Framework framework, Call.Kill kill) {
        MasterTask task = framework.tasks().get(kill.taskId());
        if (task == null) {
            task = framework.unreachableTasks().get(kill.taskId());
        }
        if (task == null) {
            if (kill.agentId() != null) {
                Agent agent = cluster.agents().get(kill.agentId());
                if (agent != null && agent.status() == Agent.Status.RECOVERING) {
                    agent.pendingKills().add(new PendingKill(framework.id(), kill.taskId(), kill.killPolicy()));
                    return;
                }
            }
            explicit(framework, kill.taskId(), kill.agentId(), clock.millis() / 1000.0)
                    .ifPresent(s -> framework.send(Event.update(s)));
            return;
        }
        if (task.state().isTerminal()) {
            return;
        }
        Agent agent = cluster.agents().get(task.agentId());
        var policy = kill.killPolicy() != null ? kill.killPolicy() : task.task().killPolicy();
        if (agent != null && agent.isConnected()) {
            agent.send(AgentEvent.kill(framework.id(), task.id(), policy));
        } else if (agent != null) {
            agent.pendingKills().add(new PendingKill(framework.id(), task.id(), policy));
        }
    }
}
