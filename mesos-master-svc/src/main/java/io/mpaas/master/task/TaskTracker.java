package io.mpaas.master.task;

import io.mpaas.master.MasterProperties;
import io.mpaas.master.allocator.HierarchicalAllocator;
import io.mpaas.master.cluster.Agent;
import io.mpaas.master.cluster.Cluster;
import io.mpaas.master.cluster.ClusterEvents;
import io.mpaas.master.cluster.Framework;
import io.mpaas.master.cluster.MasterTask;
import io.mpaas.master.offer.AllocationTrigger;
import io.mpaas.master.task.TaskStateMachine.Archive;
import io.mpaas.master.task.TaskStateMachine.ClaimResources;
import io.mpaas.master.task.TaskStateMachine.ForwardStatus;
import io.mpaas.master.task.TaskStateMachine.KillOnAgent;
import io.mpaas.master.task.TaskStateMachine.ReleaseResources;
import io.mpaas.master.task.TaskStateMachine.ReportUnreachable;
import io.mpaas.master.task.TaskStateMachine.SideEffect;
import io.mpaas.master.task.TaskStateMachine.TaskEvent;
import io.mpaas.master.task.TaskStateMachine.Transition;
import io.mpaas.protocol.agentlink.AgentEvent;
import io.mpaas.protocol.mesos.TaskState;
import io.mpaas.protocol.mesos.TaskStatus;
import io.mpaas.protocol.mesos.scheduler.Event;
import org.springframework.stereotype.Component;

/**
 * Applies {@link TaskStateMachine} transitions to the cluster: stores the new task where it
 * belongs (active, unreachable or completed), then carries out the side effects (resources back
 * to the allocator, the status to the framework, the kill to the agent). Callers hold the lock.
 */
@Component
public class TaskTracker {

    private final Cluster cluster;
    private final HierarchicalAllocator allocator;
    private final ClusterEvents events;
    private final AllocationTrigger trigger;
    private final int maxCompletedTasks;

    public TaskTracker(Cluster cluster, HierarchicalAllocator allocator, ClusterEvents events,
            AllocationTrigger trigger, MasterProperties properties) {
        this.cluster = cluster;
        this.allocator = allocator;
        this.events = events;
        this.trigger = trigger;
        this.maxCompletedTasks = properties.maxCompletedTasksPerFramework();
    }

    /** Records a task just launched (STAGING); its resources came out of an offer and stay allocated. */
    public void launched(Framework framework, Agent agent, MasterTask task) {
        framework.tasks().put(task.id(), task);
        agent.tasks().put(task.id(), task);
        framework.addUsed(task.resources());
        agent.addUsed(task.resources());
        events.taskAdded(task);
    }

    /**
     * Records a task an agent reported on re-registration, which this master did not know. Its
     * resources are counted as used; the allocator learns them when the agent is added.
     */
    public void recovered(Framework framework, Agent agent, MasterTask task) {
        framework.tasks().put(task.id(), task);
        agent.tasks().put(task.id(), task);
        if (!task.state().isTerminal()) {
            framework.addUsed(task.resources());
            agent.addUsed(task.resources());
        }
        events.taskAdded(task);
    }

    /**
     * Applies {@code event} to {@code task}.
     *
     * @param status the status that goes with the event (recorded and forwarded), or null for
     *     events that carry none (an acknowledgement)
     * @return the task as it is now
     * @throws TaskStateMachine.IllegalTransitionException when the event is not allowed; nothing changed
     */
    public MasterTask apply(Framework framework, MasterTask task, TaskEvent event, TaskStatus status) {
        Transition t = TaskStateMachine.transition(task.state(), event);
        MasterTask updated = task;
        if (event instanceof TaskStateMachine.Acknowledged) {
            updated = task.acknowledged();
        } else if (status != null && records(task, t) && isNewStatus(task, status)) {
            updated = task.withStatus(t.next(), status, status.uuid() != null);
        }
        store(framework, updated);
        for (SideEffect effect : t.sideEffects()) {
            carryOut(effect, framework, updated, status);
        }
        if (updated != task && status != null) {
            events.taskUpdated(updated, status);
        }
        return updated;
    }

    /** A status is recorded when the state changes or when it goes on to the framework. */
    private static boolean records(MasterTask task, Transition t) {
        return t.next() != task.state()
                || t.sideEffects().stream().anyMatch(e -> e instanceof ForwardStatus || e instanceof ReportUnreachable);
    }

    private static boolean isNewStatus(MasterTask task, TaskStatus status) {
        TaskStatus latest = task.latestStatus();
        return latest == null || status.uuid() == null || !status.uuid().equals(latest.uuid());
    }

    private void store(Framework framework, MasterTask task) {
        if (task.state() == TaskState.TASK_UNREACHABLE) {
            framework.tasks().remove(task.id());
            framework.unreachableTasks().put(task.id(), task);
        } else {
            framework.unreachableTasks().remove(task.id());
            framework.tasks().put(task.id(), task);
        }
        Agent agent = cluster.agents().get(task.agentId());
        if (agent != null) {
            agent.tasks().put(task.id(), task);
        }
    }

    private void carryOut(SideEffect effect, Framework framework, MasterTask task, TaskStatus status) {
        Agent agent = cluster.agents().get(task.agentId());
        switch (effect) {
            case ReleaseResources r -> {
                framework.removeUsed(task.resources());
                if (agent != null) {
                    agent.removeUsed(task.resources());
                    allocator.recoverResources(framework.id(), agent.id(), task.role(), task.resources(), null);
                    trigger.requestAllocation();
                }
            }
            case ClaimResources c -> {
                framework.addUsed(task.resources());
                if (agent != null) {
                    agent.addUsed(task.resources());
                }
            }
            case ForwardStatus f -> {
                if (status != null) {
                    framework.send(Event.update(status));
                }
            }
            case ReportUnreachable u -> framework.send(Event.update(framework.isPartitionAware() ? status
                    : lost(status)));
            case Archive a -> {
                framework.tasks().remove(task.id());
                framework.unreachableTasks().remove(task.id());
                if (agent != null) {
                    agent.tasks().remove(task.id());
                }
                framework.archive(task, maxCompletedTasks);
            }
            case KillOnAgent k -> {
                if (agent != null) {
                    agent.send(AgentEvent.kill(framework.id(), task.id(), task.task().killPolicy()));
                }
            }
        }
    }

    /** What a framework that is not partition-aware hears instead of TASK_UNREACHABLE. */
    static TaskStatus lost(TaskStatus unreachable) {
        return new TaskStatus(unreachable.taskId(), TaskState.TASK_LOST, unreachable.message(), unreachable.source(),
                unreachable.reason(), null, unreachable.agentId(), unreachable.executorId(), unreachable.timestamp(),
                null, null, null, null, null, null, null);
    }

    /** The state a framework sees for a task: TASK_UNREACHABLE reads TASK_LOST to frameworks that are not partition-aware. */
    public static TaskState visibleState(Framework framework, TaskState state) {
        if (state == TaskState.TASK_UNREACHABLE && !framework.isPartitionAware()) {
            return TaskState.TASK_LOST;
        }
        return state;
    }
}
