package io.mpaas.master.operator;

import io.mpaas.master.MasterError;
import io.mpaas.master.allocator.HierarchicalAllocator;
import io.mpaas.master.cluster.Agent;
import io.mpaas.master.cluster.Cluster;
import io.mpaas.master.cluster.ClusterEvents;
import io.mpaas.master.cluster.Framework;
import io.mpaas.master.cluster.MasterTask;
import io.mpaas.master.offer.OfferBook;
import io.mpaas.master.registry.Registry;
import io.mpaas.master.stream.EventStream;
import io.mpaas.master.task.TaskStateMachine;
import io.mpaas.master.task.TaskTracker;
import io.mpaas.protocol.agentlink.AgentEvent;
import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.TaskState;
import io.mpaas.protocol.mesos.TaskStatus;
import io.mpaas.protocol.mesos.scheduler.Event;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * MARK_AGENT_GONE: an operator asserts that an agent (registered, unreachable, or expected back
 * after a failover) will never return, e.g. its machine was decommissioned. Its tasks end
 * TASK_GONE_BY_OPERATOR (TASK_LOST for frameworks that are not partition-aware), so frameworks
 * replace them at once instead of waiting for an agent that will not come; the agent may never
 * re-register. Stored in the registry first, so a new leader remembers it.
 */
@Component
public class AgentGoneMarker {

    private static final Logger log = LoggerFactory.getLogger(AgentGoneMarker.class);
    private static final String MESSAGE = "Agent has been marked gone";

    private final Cluster cluster;
    private final Registry registry;
    private final HierarchicalAllocator allocator;
    private final OfferBook offers;
    private final TaskTracker tasks;
    private final ClusterEvents events;
    private final Clock clock;
    private final ReentrantLock changes = new ReentrantLock();

    public AgentGoneMarker(Cluster cluster, Registry registry, HierarchicalAllocator allocator, OfferBook offers,
            TaskTracker tasks, ClusterEvents events, Clock clock) {
        this.cluster = cluster;
        this.registry = registry;
        this.allocator = allocator;
        this.offers = offers;
        this.tasks = tasks;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Marks the agent gone; marking an agent that is gone already is a no-op.
     *
     * @throws MasterError NOT_FOUND for an agent this master does not know
     */
    public void markGone(AgentId id) {
        changes.lock();
        try {
            Agent.Status status = cluster.locked(() -> {
                Agent agent = cluster.agents().get(id);
                if (agent == null) {
                    throw new MasterError(MasterError.Code.NOT_FOUND, "Agent '" + id + "' not found");
                }
                return agent.status();
            });
            if (status == Agent.Status.GONE) {
                return;
            }
            Instant now = clock.instant();
            DurableChange.write("agent " + id + " as gone", () -> registry.markGone(id, now));
            cluster.locked(() -> apply(id, now));
        } finally {
            changes.unlock();
        }
    }

    private void apply(AgentId id, Instant now) {
        Agent agent = cluster.agents().get(id);
        if (!cluster.isLeading() || agent == null || agent.status() == Agent.Status.GONE) {
            return;
        }
        log.warn("Agent {} ({}) marked gone by an operator", id, agent.hostname());
        boolean registered = agent.status() == Agent.Status.ACTIVE || agent.status() == Agent.Status.DISCONNECTED;
        EventStream<AgentEvent> link = agent.link();
        agent.link(null);
        if (link != null) {
            link.send(AgentEvent.error(MESSAGE));
            link.close();
        }
        offers.rescindAll(agent, true);
        double seconds = now.toEpochMilli() / 1000.0;
        for (MasterTask task : List.copyOf(agent.tasks().values())) {
            Framework framework = cluster.frameworks().get(task.frameworkId());
            if (framework == null) {
                continue;
            }
            boolean aware = framework.isPartitionAware();
            TaskState gone = aware ? TaskState.TASK_GONE_BY_OPERATOR : TaskState.TASK_LOST;
            TaskStatus status = TaskStatus.fromMaster(task.id(), gone, aware
                    ? TaskStatus.Reason.REASON_AGENT_REMOVED_BY_OPERATOR : TaskStatus.Reason.REASON_AGENT_REMOVED,
                    MESSAGE, id, seconds);
            try {
                tasks.apply(framework, task, new TaskStateMachine.AgentGone(gone), status);
            } catch (TaskStateMachine.IllegalTransitionException e) {
                log.debug("{}", e.getMessage());
            }
        }
        if (registered) {
            allocator.removeAgent(id);
        }
        agent.executors().clear();
        agent.status(Agent.Status.GONE);
        if (registered) {
            for (Framework framework : cluster.frameworks().values()) {
                framework.send(Event.failure(id, null, null));
            }
            events.agentRemoved(id);
        }
    }
}
