package io.mpaas.master.agent;

import io.mpaas.master.allocator.HierarchicalAllocator;
import io.mpaas.master.cluster.Agent;
import io.mpaas.master.cluster.Cluster;
import io.mpaas.master.cluster.ClusterEvents;
import io.mpaas.master.cluster.Framework;
import io.mpaas.master.cluster.MasterTask;
import io.mpaas.master.cluster.PendingKill;
import io.mpaas.master.stream.EventStream;
import io.mpaas.master.task.TaskStateMachine;
import io.mpaas.master.task.TaskTracker;
import io.mpaas.protocol.agentlink.AgentCall;
import io.mpaas.protocol.agentlink.AgentEvent;
import io.mpaas.protocol.mesos.ExecutorInfo;
import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.FrameworkInfo;
import io.mpaas.protocol.mesos.Resource;
import io.mpaas.protocol.mesos.Resources;
import io.mpaas.protocol.mesos.Task;
import io.mpaas.protocol.mesos.TaskId;
import io.mpaas.protocol.mesos.TaskState;
import io.mpaas.protocol.mesos.TaskStatus;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Brings the master's view of an agent in line with what the agent reports when it
 * re-registers. The agent is the authority on what runs: tasks it reports are added or
 * updated (after a failover this is how the new leader learns them, and their frameworks as
 * RECOVERED); tasks the master expected there but the agent does not report are lost (their
 * LAUNCH went down with the old link); tasks of removed frameworks are shut down.
 */
@Component
public class ReregisteredTasks {

    private static final Logger log = LoggerFactory.getLogger(ReregisteredTasks.class);

    private final Cluster cluster;
    private final HierarchicalAllocator allocator;
    private final TaskTracker tasks;
    private final ClusterEvents events;
    private final Clock clock;

    public ReregisteredTasks(Cluster cluster, HierarchicalAllocator allocator, TaskTracker tasks,
            ClusterEvents events, Clock clock) {
        this.cluster = cluster;
        this.allocator = allocator;
        this.tasks = tasks;
        this.events = events;
        this.clock = clock;
    }

    /** Reconciles the agent's tasks and executors with its report. Called under the lock. */
    public void reconcile(Agent agent, AgentCall.Subscribe report, EventStream<AgentEvent> link) {
        Map<FrameworkId, FrameworkInfo> infos = new HashMap<>();
        for (FrameworkInfo info : report.frameworks()) {
            if (info.id() != null) {
                infos.put(info.id(), info);
            }
        }
        Set<FrameworkId> shutDown = new HashSet<>();
        Set<TaskId> reported = new HashSet<>();
        for (Task task : report.tasks()) {
            FrameworkId fid = task.frameworkId();
            if (fid == null || task.taskId() == null || task.state() == null) {
                continue;
            }
            if (cluster.removedFrameworks().contains(fid)) {
                if (shutDown.add(fid)) {
                    link.send(AgentEvent.shutdownFramework(fid));
                }
                continue;
            }
            Framework framework = cluster.frameworks().computeIfAbsent(fid, id -> recovered(id, infos.get(id)));
            reported.add(task.taskId());
            MasterTask known = agent.tasks().get(task.taskId());
            if (known == null) {
                tasks.recovered(framework, agent, new MasterTask(onAgent(task, agent), framework.roleOf(task.resources())));
            } else {
                TaskStatus status = latestStatus(task, agent);
                try {
                    tasks.apply(framework, known, new TaskStateMachine.AgentReregistered(task.state()), status);
                } catch (TaskStateMachine.IllegalTransitionException e) {
                    log.warn("Agent {} reports task {} as {}: {}", agent.id(), task.taskId(), task.state(),
                            e.getMessage());
                }
            }
        }
        loseUnreported(agent, reported);
        agent.executors().clear();
        for (ExecutorInfo executor : report.executors()) {
            if (executor.frameworkId() != null && executor.executorId() != null) {
                agent.executors().computeIfAbsent(executor.frameworkId(), f -> new LinkedHashMap<>())
                        .put(executor.executorId(), executor);
            }
        }
    }

    /** Tasks this master placed on the agent that the agent does not know: their launch was lost. */
    private void loseUnreported(Agent agent, Set<TaskId> reported) {
        for (MasterTask known : List.copyOf(agent.tasks().values())) {
            if (reported.contains(known.id()) || known.state().isTerminal()) {
                continue;
            }
            Framework framework = cluster.frameworks().get(known.frameworkId());
            if (framework == null) {
                agent.tasks().remove(known.id());
                continue;
            }
            TaskState lost = framework.isPartitionAware() ? TaskState.TASK_DROPPED : TaskState.TASK_LOST;
            TaskStatus status = TaskStatus.fromMaster(known.id(), lost, TaskStatus.Reason.REASON_AGENT_REREGISTERED,
                    "Task is not known to its re-registered agent", agent.id(), now());
            tasks.apply(framework, known, new TaskStateMachine.StatusReported(lost), status);
        }
    }

    /** A framework known only from an agent's report after a failover: inactive until it re-subscribes. */
    private Framework recovered(FrameworkId id, FrameworkInfo reported) {
        FrameworkInfo info = reported != null ? reported
                : new FrameworkInfo(null, "", id, null, null, null, null, null, null, null, null, null, null);
        Framework framework = new Framework(id, info, Framework.Status.RECOVERED, clock.instant());
        allocator.addFramework(id, framework.allocatorSpec(), Map.of());
        allocator.deactivateFramework(id);
        events.frameworkAdded(framework);
        log.info("Recovered framework {} ({}) from an agent's report", id, info.name());
        return framework;
    }

    /** What the agent's tasks hold, by framework and role, for the allocator. */
    public Map<FrameworkId, Map<String, Resources>> allocations(Agent agent) {
        Map<FrameworkId, Map<String, Resources>> used = new LinkedHashMap<>();
        for (MasterTask task : agent.tasks().values()) {
            if (!task.state().isTerminal() && task.state() != TaskState.TASK_UNREACHABLE) {
                used.computeIfAbsent(task.frameworkId(), f -> new LinkedHashMap<>())
                        .merge(task.role(), task.resources(), Resources::plus);
            }
        }
        for (Map.Entry<FrameworkId, Map<io.mpaas.protocol.mesos.ExecutorId, ExecutorInfo>> e
                : agent.executors().entrySet()) {
            Framework framework = cluster.frameworks().get(e.getKey());
            for (ExecutorInfo executor : e.getValue().values()) {
                String role = framework == null ? Resource.UNRESERVED : framework.roleOf(executor.resources());
                used.computeIfAbsent(e.getKey(), f -> new LinkedHashMap<>())
                        .merge(role, Resources.of(executor.resources()), Resources::plus);
            }
        }
        return used;
    }

    public void resendPendingKills(Agent agent) {
        for (PendingKill kill : agent.pendingKills()) {
            agent.send(AgentEvent.kill(kill.frameworkId(), kill.taskId(), kill.killPolicy()));
        }
        agent.pendingKills().clear();
    }

    private static Task onAgent(Task task, Agent agent) {
        return new Task(task.name(), task.taskId(), task.frameworkId(), task.executorId(), agent.id(), task.state(),
                task.resources(), task.statuses(), task.statusUpdateState(), task.statusUpdateUuid(), task.labels(),
                task.discovery(), task.container(), task.healthCheck(), task.killPolicy(), task.user());
    }

    private TaskStatus latestStatus(Task task, Agent agent) {
        if (!task.statuses().isEmpty()) {
            return task.statuses().getLast().withAgentId(agent.id());
        }
        return new TaskStatus(task.taskId(), task.state(), null, TaskStatus.Source.SOURCE_AGENT,
                TaskStatus.Reason.REASON_AGENT_REREGISTERED, null, agent.id(), task.executorId(), now(), null, null,
                null, null, null, null, null);
    }

    private double now() {
        return clock.millis() / 1000.0;
    }
}
