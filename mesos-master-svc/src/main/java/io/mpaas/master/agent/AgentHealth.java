package io.mpaas.master.agent;

import io.mpaas.master.allocator.HierarchicalAllocator;
import io.mpaas.master.cluster.Agent;
import io.mpaas.master.cluster.Cluster;
import io.mpaas.master.cluster.ClusterEvents;
import io.mpaas.master.cluster.Framework;
import io.mpaas.master.cluster.MasterTask;
import io.mpaas.master.offer.OfferBook;
import io.mpaas.master.registry.RegistryWriter;
import io.mpaas.master.stream.EventStream;
import io.mpaas.master.task.TaskStateMachine;
import io.mpaas.master.task.TaskTracker;
import io.mpaas.protocol.agentlink.AgentEvent;
import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.TaskState;
import io.mpaas.protocol.mesos.TaskStatus;
import io.mpaas.protocol.mesos.TimeInfo;
import io.mpaas.protocol.mesos.scheduler.Event;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Watches the agents: pings them, notices broken links and silence, and marks an agent
 * unreachable after {@code max-missed-pings} pings without an answer (or, after a failover, when
 * it has not re-registered within the window). The decision functions take the time as an
 * argument; a ticker calls them, tests move a clock.
 */
@Component
public class AgentHealth {

    private static final Logger log = LoggerFactory.getLogger(AgentHealth.class);

    private final Cluster cluster;
    private final HierarchicalAllocator allocator;
    private final TaskTracker tasks;
    private final OfferBook offers;
    private final ClusterEvents events;
    private final RegistryWriter registry;
    private final AgentLinkProperties properties;
    private final Clock clock;
    private long pingSequence;

    public AgentHealth(Cluster cluster, HierarchicalAllocator allocator, TaskTracker tasks, OfferBook offers,
            ClusterEvents events, RegistryWriter registry, AgentLinkProperties properties, Clock clock) {
        this.cluster = cluster;
        this.allocator = allocator;
        this.tasks = tasks;
        this.offers = offers;
        this.events = events;
        this.registry = registry;
        this.properties = properties;
        this.clock = clock;
    }

    public AgentLinkProperties properties() {
        return properties;
    }

    /** Closes an agent's current link because a new one replaces it; the old link's close is then ignored. */
    void replaceLink(Agent agent) {
        EventStream<AgentEvent> old = agent.link();
        agent.link(null);
        if (old != null) {
            old.close();
        }
    }

    /**
     * The agent's link broke. Its tasks keep running and it keeps its place while pings may still
     * be missed; tasks of frameworks that do not checkpoint die with the link (Mesos does the same:
     * such tasks cannot survive an agent restart).
     */
    public void disconnected(AgentId id, EventStream<AgentEvent> link) {
        cluster.locked(() -> {
            Agent agent = cluster.agents().get(id);
            if (agent == null || agent.link() != link) {
                return;
            }
            agent.link(null);
            if (agent.status() != Agent.Status.ACTIVE) {
                return;
            }
            log.info("Agent {} ({}) disconnected", id, agent.hostname());
            agent.status(Agent.Status.DISCONNECTED);
            offers.rescindAll(agent, true);
            allocator.deactivateAgent(id);
            double now = clock.millis() / 1000.0;
            for (MasterTask task : List.copyOf(agent.tasks().values())) {
                Framework framework = cluster.frameworks().get(task.frameworkId());
                if (framework == null || framework.info().isCheckpointing() || task.state().isTerminal()
                        || task.state() == TaskState.TASK_UNREACHABLE) {
                    continue;
                }
                TaskState lost = framework.isPartitionAware() ? TaskState.TASK_GONE : TaskState.TASK_LOST;
                TaskStatus status = TaskStatus.fromMaster(task.id(), lost, TaskStatus.Reason.REASON_AGENT_DISCONNECTED,
                        "Agent disconnected and the framework does not checkpoint", id, now);
                tasks.apply(framework, task, new TaskStateMachine.StatusReported(lost), status);
            }
        });
    }

    /**
     * Pings every linked agent whose last PING (or link) is a ping interval old. Each agent keeps
     * its own rhythm from when it linked, as Mesos's per-agent ping timers do, so ten thousand
     * agents do not all answer in the same instant. Call it often (every second).
     */
    public void sendPings(Instant now) {
        cluster.locked(() -> {
            if (!cluster.isLeading()) {
                return;
            }
            Instant due = now.minus(properties.pingInterval());
            for (Agent agent : cluster.agents().values()) {
                if (agent.status() == Agent.Status.ACTIVE && agent.lastPinged() != null
                        && !agent.lastPinged().isAfter(due)) {
                    agent.send(AgentEvent.ping(pingSequence++));
                    agent.pinged(now);
                }
            }
        });
    }

    /** Marks unreachable every agent silent for too long, and every one that missed its re-registration window. */
    public void checkHealth(Instant now) {
        cluster.locked(() -> {
            if (!cluster.isLeading() || !cluster.isRecovered()) {
                return;
            }
            Instant silentSince = now.minus(properties.unreachableAfter());
            Instant windowOpened = cluster.electedTime();
            boolean windowOver = windowOpened != null
                    && !now.isBefore(windowOpened.plus(properties.reregisterTimeout()));
            for (Agent agent : List.copyOf(cluster.agents().values())) {
                boolean silent = (agent.status() == Agent.Status.ACTIVE || agent.status() == Agent.Status.DISCONNECTED)
                        && !agent.lastSeen().isAfter(silentSince);
                boolean missedWindow = agent.status() == Agent.Status.RECOVERING && windowOver;
                if (silent || missedWindow) {
                    markUnreachable(agent, now);
                }
            }
        });
    }

    /**
     * The agent is unreachable: its offers are withdrawn, its resources leave the allocator, and
     * its tasks are reported TASK_UNREACHABLE (TASK_LOST to frameworks that are not partition-aware).
     * They are not killed: if the agent comes back, so do they.
     */
    void markUnreachable(Agent agent, Instant now) {
        log.warn("Agent {} ({}) is unreachable (last seen {})", agent.id(), agent.hostname(), agent.lastSeen());
        boolean inAllocator = agent.status() == Agent.Status.ACTIVE || agent.status() == Agent.Status.DISCONNECTED;
        EventStream<AgentEvent> link = agent.link();
        agent.link(null);
        if (link != null) {
            link.close();
        }
        offers.rescindAll(agent, true);
        double seconds = now.toEpochMilli() / 1000.0;
        TimeInfo unreachableTime = new TimeInfo(now.toEpochMilli() * 1_000_000L);
        for (MasterTask task : List.copyOf(agent.tasks().values())) {
            Framework framework = cluster.frameworks().get(task.frameworkId());
            if (framework == null) {
                continue;
            }
            TaskStatus status = new TaskStatus(task.id(), TaskState.TASK_UNREACHABLE, "Agent is unreachable",
                    TaskStatus.Source.SOURCE_MASTER, TaskStatus.Reason.REASON_AGENT_REMOVED, null, agent.id(), null,
                    seconds, null, null, null, null, null, unreachableTime, null);
            try {
                tasks.apply(framework, task, new TaskStateMachine.AgentUnreachable(), status);
            } catch (TaskStateMachine.IllegalTransitionException e) {
                log.debug("{}", e.getMessage());
            }
        }
        if (inAllocator) {
            allocator.removeAgent(agent.id());
        }
        agent.executors().clear();
        agent.status(Agent.Status.UNREACHABLE);
        agent.unreachableTime(now);
        registry.markUnreachable(agent.id(), now);
        for (Framework framework : cluster.frameworks().values()) {
            framework.send(Event.failure(agent.id(), null, null));
        }
        events.agentRemoved(agent.id());
    }

    /** An agent that was unreachable (or unknown to the registry) is back. */
    void reachable(Agent agent) {
        registry.markReachable(agent.info());
    }
}
