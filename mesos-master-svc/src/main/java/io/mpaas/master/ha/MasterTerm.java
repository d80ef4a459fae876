package io.mpaas.master.ha;

import io.mpaas.master.allocator.HierarchicalAllocator;
import io.mpaas.master.allocator.Quota;
import io.mpaas.master.cluster.Agent;
import io.mpaas.master.cluster.Cluster;
import io.mpaas.master.cluster.Framework;
import io.mpaas.master.registry.QuotaConfig;
import io.mpaas.master.registry.Registry;
import io.mpaas.master.registry.RegistryMirror;
import io.mpaas.master.stream.EventStream;
import io.mpaas.protocol.mesos.MasterInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A leadership term: begins when this master is elected (or at start-up when standalone), ends
 * when it loses leadership. Beginning reads the registry, so that the agents it lists are
 * expected back (RECOVERING) and weights, quotas and maintenance apply; scheduler and agent calls
 * that come meanwhile wait for it ({@link LeaderGate}). The read goes through the {@link RegistryMirror} that a standby keeps
 * current, so an election reads only what changed since the standby last looked. Ending stops all
 * leader work at once and drops every connection, so that frameworks and agents go find the new leader.
 */
@Component
public class MasterTerm {

    private static final Logger log = LoggerFactory.getLogger(MasterTerm.class);

    private final Cluster cluster;
    private final RegistryMirror registry;
    private final HierarchicalAllocator allocator;
    private final List<LeaderWork> work;
    private final TermMilestones milestones;
    private final Clock clock;

    public MasterTerm(Cluster cluster, RegistryMirror registry, HierarchicalAllocator allocator,
            List<LeaderWork> work, TermMilestones milestones, Clock clock) {
        this.cluster = cluster;
        this.registry = registry;
        this.allocator = allocator;
        this.work = List.copyOf(work);
        this.milestones = milestones;
        this.clock = clock;
    }

    /**
     * Brings the standby's copy of the registry up to date (and keeps the recovery path loaded and
     * compiled): what a standby does now and then, so that an election reads only the few agents
     * that changed since. Everything is re-read when the last full read is {@code fullReadAfter} old.
     */
    public void refreshWhileStandby(Duration fullReadAfter) {
        try {
            RegistryMirror.Refresh refresh = registry.refreshWhileStandby(fullReadAfter);
            log.debug("Standby copy of the registry: {} agents, {} re-read in {} ms", refresh.state().agents().size(),
                    refresh.agentsRead(), refresh.took().toMillis());
        } catch (RuntimeException e) {
            log.warn("Refreshing the standby's copy of the registry failed (the next refresh or the election"
                    + " reads it)", e);
        }
    }

    /** Begins a term as the master described by {@code info} (a fresh id per term). */
    public void begin(MasterInfo info) {
        Instant elected = clock.instant();
        cluster.locked(() -> cluster.startTerm(info, elected));
        milestones.elected(elected);
        log.info("Elected as the leading master {} at {}", info.id(), info.hostPort());
        RegistryMirror.Refresh refresh = registry.refresh();
        Registry.RegistryState state = refresh.state();
        cluster.locked(() -> {
            if (!cluster.isLeading() || cluster.masterInfo() != info) {
                return;
            }
            Instant applying = clock.instant();
            int expected = 0;
            for (Registry.AdmittedAgent admitted : state.agents()) {
                Agent.Status status = switch (admitted.standing()) {
                    case ADMITTED -> {
                        expected++;
                        yield Agent.Status.RECOVERING;
                    }
                    case UNREACHABLE -> Agent.Status.UNREACHABLE;
                    case GONE -> Agent.Status.GONE;
                };
                Agent agent = new Agent(admitted.info().id(), admitted.info(), status, admitted.admittedAt());
                agent.unreachableTime(admitted.unreachableAt());
                cluster.agents().put(agent.id(), agent);
            }
            cluster.weights(state.weights());
            cluster.quotas(state.quotas());
            cluster.maintenance(state.maintenance());
            allocator.updateWeights(state.weights());
            for (Map.Entry<String, QuotaConfig> q : state.quotas().entrySet()) {
                allocator.updateQuota(q.getKey(), new Quota(q.getValue().guarantee(), q.getValue().limit()));
            }
            cluster.markRecovered();
            milestones.registryRead(expected, refresh, Duration.between(applying, clock.instant()));
            log.info("Recovered the registry: {} agents expected back, {} weights, {} quotas",
                    expected, state.weights().size(), state.quotas().size());
        });
        work.forEach(LeaderWork::start);
    }

    public void end() {
        work.forEach(LeaderWork::stop);
        milestones.ended();
        List<EventStream<?>> streams = new ArrayList<>();
        cluster.locked(() -> {
            if (!cluster.isLeading()) {
                return;
            }
            for (Framework framework : cluster.frameworks().values()) {
                if (framework.stream() != null) {
                    streams.add(framework.stream());
                }
                allocator.removeFramework(framework.id());
            }
            for (Agent agent : cluster.agents().values()) {
                if (agent.link() != null) {
                    streams.add(agent.link());
                }
                if (agent.status() == Agent.Status.ACTIVE || agent.status() == Agent.Status.DISCONNECTED) {
                    allocator.removeAgent(agent.id());
                }
            }
            for (String role : cluster.quotas().keySet()) {
                allocator.updateQuota(role, Quota.NONE);
            }
            cluster.endTerm();
        });
        streams.forEach(EventStream::close);
        log.warn("No longer the leading master; closed {} connections", streams.size());
    }
}
