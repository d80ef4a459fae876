package io.mpaas.master.agent;

import io.mpaas.master.MasterError;
import io.mpaas.master.allocator.HierarchicalAllocator;
import io.mpaas.master.cluster.Agent;
import io.mpaas.master.cluster.Cluster;
import io.mpaas.master.cluster.ClusterEvents;
import io.mpaas.master.offer.AllocationTrigger;
import io.mpaas.master.registry.Registry;
import io.mpaas.master.stream.EventStream;
import io.mpaas.protocol.agentlink.AgentCall;
import io.mpaas.protocol.agentlink.AgentEvent;
import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.AgentInfo;
import io.mpaas.protocol.mesos.Resources;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Registers and re-registers agents over their links. A new agent is admitted to the registry
 * before it hears REGISTERED (so a failover cannot forget it); a re-registering agent replaces its
 * old link and reports what it runs, which is how a new leader learns the cluster's tasks.
 */
@Component
public class AgentRegistrar {

    private static final Logger log = LoggerFactory.getLogger(AgentRegistrar.class);

    private final Cluster cluster;
    private final Registry registry;
    private final HierarchicalAllocator allocator;
    private final ClusterEvents events;
    private final ReregisteredTasks reregisteredTasks;
    private final AgentHealth health;
    private final AllocationTrigger trigger;
    private final Clock clock;

    public AgentRegistrar(Cluster cluster, Registry registry, HierarchicalAllocator allocator, ClusterEvents events,
            ReregisteredTasks reregisteredTasks, AgentHealth health, AllocationTrigger trigger, Clock clock) {
        this.cluster = cluster;
        this.registry = registry;
        this.allocator = allocator;
        this.events = events;
        this.reregisteredTasks = reregisteredTasks;
        this.health = health;
        this.trigger = trigger;
        this.clock = clock;
    }

    /**
     * Registers (no id) or re-registers (with its id) the agent behind {@code link}, and queues
     * REGISTERED on the link.
     *
     * @param remoteIp the address the link came from, used when the agent advertised none
     * @throws MasterError when the agent may not (re-)register
     */
    public AgentId subscribe(AgentCall.Subscribe subscribe, EventStream<AgentEvent> link, String remoteIp) {
        String ip = subscribe.address() != null && subscribe.address().ip() != null
                ? subscribe.address().ip() : remoteIp;
        AgentInfo info = subscribe.agentInfo();
        if (info.id() == null) {
            return register(subscribe, link, ip);
        }
        return reregister(subscribe, link, ip);
    }

    private AgentId register(AgentCall.Subscribe subscribe, EventStream<AgentEvent> link, String ip) {
        AgentId id = cluster.locked(() -> {
            requireServing();
            return cluster.nextAgentId();
        });
        AgentInfo info = subscribe.agentInfo().withId(id);
        Instant now = clock.instant();
        registry.admit(info, now);
        Resources total = cluster.locked(() -> {
            requireServing();
            Agent agent = new Agent(id, info, Agent.Status.ACTIVE, now);
            attach(agent, subscribe, link, ip, now);
            cluster.agents().put(id, agent);
            allocator.addAgent(id, agent.total(), Map.of());
            link.send(registered(agent, false));
            events.agentAdded(agent);
            trigger.requestAllocation();
            return agent.total();
        });
        log.info("Registered agent {} at {} ({}) with {}", id, info.hostname(), ip, total);
        return id;
    }

    private AgentId reregister(AgentCall.Subscribe subscribe, EventStream<AgentEvent> link, String ip) {
        AgentInfo info = subscribe.agentInfo();
        AgentId id = info.id();
        Instant now = clock.instant();
        // One pass under the lock for an agent this leader knows (every agent of the registry after
        // a failover): ten thousand of them come back at once and each lock hand-over costs a wait.
        Integer taskCount = cluster.locked(() -> {
            requireServing();
            Agent agent = cluster.agents().get(id);
            if (agent != null && agent.status() == Agent.Status.GONE) {
                throw MasterError.forbidden("Agent " + id + " has been marked gone and may not re-register");
            }
            return agent == null ? null : reregisterLocked(agent, subscribe, link, ip, now, true);
        });
        if (taskCount == null) {
            // An agent this leader's registry does not hold (e.g. admitted by a leader whose
            // registry was lost): admit it, since it brings running tasks with it.
            registry.admit(info, now);
            taskCount = cluster.locked(() -> {
                requireServing();
                return reregisterLocked(cluster.agents().get(id), subscribe, link, ip, now, false);
            });
        }
        // After a failover every agent of the cluster does this within seconds: one line each would
        // cost more than the re-registration itself, so the new leader logs progress instead
        // (TermMilestones) and each agent only at DEBUG, off the lock.
        log.debug("Re-registered agent {} at {} ({}) with {} tasks", id, info.hostname(), ip, taskCount);
        return id;
    }

    /**
     * The re-registration proper, under the lock.
     *
     * @param known the agent as this leader knows it, or null
     * @param wasKnown whether this leader knew the agent before it came (else it was just admitted)
     * @return how many tasks the agent runs
     */
    private int reregisterLocked(Agent known, AgentCall.Subscribe subscribe, EventStream<AgentEvent> link,
            String ip, Instant now, boolean wasKnown) {
        AgentInfo info = subscribe.agentInfo();
        AgentId id = info.id();
        Agent agent = known;
        boolean inAllocator = agent != null && (agent.status() == Agent.Status.ACTIVE
                || agent.status() == Agent.Status.DISCONNECTED);
        boolean wasUnreachable = agent != null && agent.status() == Agent.Status.UNREACHABLE;
        if (agent == null) {
            agent = new Agent(id, info, Agent.Status.ACTIVE, now);
            cluster.agents().put(id, agent);
        } else {
            health.replaceLink(agent);
            agent.update(info);
            agent.status(Agent.Status.ACTIVE);
            agent.unreachableTime(null);
        }
        agent.reregisteredTime(now);
        attach(agent, subscribe, link, ip, now);
        if (inAllocator) {
            allocator.removeAgent(id);
        }
        reregisteredTasks.reconcile(agent, subscribe, link);
        allocator.addAgent(id, agent.total(), reregisteredTasks.allocations(agent));
        if (wasUnreachable || !wasKnown) {
            health.reachable(agent);
        }
        link.send(registered(agent, true));
        reregisteredTasks.resendPendingKills(agent);
        events.agentAdded(agent);
        trigger.requestAllocation();
        return agent.tasks().size();
    }

    private void attach(Agent agent, AgentCall.Subscribe subscribe, EventStream<AgentEvent> link, String ip,
            Instant now) {
        agent.link(link);
        agent.ip(ip);
        agent.seen(now);
        agent.pinged(now);
        agent.version(subscribe.version());
        agent.capabilities(subscribe.capabilities());
        AgentId id = agent.id();
        link.onClosed(() -> health.disconnected(id, link));
    }

    private AgentEvent registered(Agent agent, boolean reregistered) {
        AgentLinkProperties p = health.properties();
        return AgentEvent.registered(new AgentEvent.Registered(agent.id(), cluster.masterInfo(),
                p.pingInterval().toMillis() / 1000.0, p.maxMissedPings(), reregistered));
    }

    private void requireServing() {
        if (!cluster.isLeading()) {
            throw new MasterError(MasterError.Code.UNAVAILABLE, "Not the leading master");
        }
        if (!cluster.isRecovered()) {
            throw new MasterError(MasterError.Code.UNAVAILABLE, "Master has not finished recovery");
        }
    }
}
