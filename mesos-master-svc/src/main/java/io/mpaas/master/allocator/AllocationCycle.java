package io.mpaas.master.allocator;

import io.mpaas.protocol.mesos.Resources;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * One allocation cycle over a shuffled list of agents, Mesos's two stages:
 * <ol>
 * <li>roles whose quota guarantee is not met yet, lowest weighted share first, get unreserved
 *     resources up to the guarantee (and their reservations);</li>
 * <li>every role, lowest weighted share first, gets what is left, never above a quota limit and
 *     never eating into the headroom held back for unmet guarantees.</li>
 * </ol>
 * Within a role the framework with the lowest share that is willing (not filtered, not refused,
 * GPU-capable when it must be, and finding the offer big enough) gets everything the role may
 * have on the agent: Mesos does not chop offers except to respect quota. One offer per
 * (framework, role, agent): a framework served in both stages on one agent gets one merged offer.
 *
 * <p>Why the loops are shaped like this: the common case is one allocation per agent, so an
 * agent costs one candidate computation, one framework check and an O(log n) re-sort of the
 * framework and role that got it. Agents with nothing left are skipped before the loops.
 */
final class AllocationCycle {

    /** An offer being built; merged across stages. */
    private record Pending(FrameworkState framework, RoleState role, AgentState agent, CompactResources resources) {
    }

    /** The identity of one offer: (framework, role, agent). */
    private record OfferKey(FrameworkState framework, String role, AgentState agent) {
    }

    private final AllocatorState state;
    private final Instant now;
    private final QuotaHeadroom quota;
    private final List<Pending> made = new ArrayList<>();
    /** Offers by identity, kept only when quota is in play: stage one and two may serve the same key. */
    private final Map<OfferKey, Pending> offersByKey = new HashMap<>();

    private AllocationCycle(AllocatorState state, Instant now, QuotaHeadroom quota) {
        this.state = state;
        this.now = now;
        this.quota = quota;
    }

    /** Runs one cycle over the active agents that have something available, in a random order. */
    static List<Allocation> run(AllocatorState state, RandomGenerator random, Instant now) {
        List<AgentState> agents = new ArrayList<>(state.agentList.size());
        for (AgentState agent : state.agentList) {
            if (agent.active && !agent.available.isEmpty()) {
                agents.add(agent);
            }
        }
        if (agents.isEmpty() || !state.roleSorter.hasActive()) {
            return List.of();
        }
        // Fisher-Yates: a fresh order each cycle, as Mesos, so that no agent is always offered last.
        for (int i = agents.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            AgentState swap = agents.get(i);
            agents.set(i, agents.get(j));
            agents.set(j, swap);
        }
        AllocationCycle cycle = new AllocationCycle(state, now, QuotaHeadroom.forCycle(state, agents));
        if (cycle.quota != null && cycle.quota.anyUnsatisfied()) {
            for (AgentState agent : agents) {
                cycle.offer(agent, true);
            }
        }
        for (AgentState agent : agents) {
            cycle.offer(agent, false);
        }
        List<Allocation> result = new ArrayList<>(cycle.made.size());
        for (Pending p : cycle.made) {
            // A whole free agent is the common offer: hand out its total as the master gave it.
            CompactResources offered = p.resources();
            AgentState agent = p.agent();
            Resources wire = offered.sameAs(agent.total) ? agent.totalResources : offered.toResources();
            result.add(new Allocation(p.framework().id, p.role().name, agent.id, wire));
        }
        return result;
    }

    /** Offers one agent to the roles in DRF order, in stage one or two. */
    private void offer(AgentState agent, boolean stageOne) {
        if (agent.available.isEmpty()) {
            return;
        }
        for (RoleState role : state.roleSorter.inOrder()) {
            if (agent.available.isEmpty()) {
                break;
            }
            if (stageOne && !quota.isUnsatisfied(role.name)) {
                continue;
            }
            CompactResources candidate = candidate(agent, role.name, stageOne);
            if (candidate == null) {
                continue;
            }
            boolean defaultMet = state.defaultMinimum.isMetBy(candidate);
            if (!defaultMet && role.ownMinimum.isEmpty()) {
                // Too small for every framework of the role: skip the role without visiting them.
                continue;
            }
            for (FrameworkState f : role.frameworks.inOrder()) {
                if (accepts(f, role.name, agent, candidate, defaultMet)) {
                    allocate(f, role, agent, candidate);
                    break;
                }
            }
        }
    }

    /** Whether {@code f} may be offered {@code candidate} now. */
    private boolean accepts(FrameworkState f, String role, AgentState agent, CompactResources candidate,
                            boolean defaultMet) {
        if (agent.hasGpus && state.settings.filterGpuResources() && !f.spec.gpuCapable()) {
            return false;
        }
        MinimumRule own = f.minimums.get(role);
        if (own == null ? !defaultMet : !own.isMetBy(candidate)) {
            return false;
        }
        return !f.filters.refuses(role, agent, candidate, now);
    }

    /**
     * What {@code role} may be offered on {@code agent}: the available resources that are
     * unreserved or reserved for it (or an ancestor), unreserved scalars chopped to what quota
     * allows. Null when nothing, or in stage one when nothing serves the role's guarantee.
     */
    private CompactResources candidate(AgentState agent, String role, boolean stageOne) {
        CompactResources available = agent.available;
        boolean constrained = quota != null && quota.constrains(role);
        CompactResources candidate = null;
        for (int i = 0; i < available.size(); i++) {
            ResourceShapes.Shape shape = available.shapeAt(i);
            if (!shape.isAllocatableTo(role)) {
                continue;
            }
            if (candidate == null) {
                candidate = CompactResources.empty(state.shapes);
            }
            if (constrained && shape.isUnreserved() && shape.isScalar()) {
                double allowed = quota.allowance(role, shape.nameIndex(), stageOne);
                // Round down to Mesos's three decimals so chopping never passes a limit.
                double amount = Math.floor(Math.min(available.scalarAt(i), allowed) * 1000.0 + 1e-6) / 1000.0;
                candidate.put(shape, amount, null);
            } else {
                candidate.putEntry(available, i);
            }
        }
        if (candidate == null || candidate.isEmpty()) {
            return null;
        }
        return stageOne && !quota.servesGuarantee(role, candidate) ? null : candidate;
    }

    private void allocate(FrameworkState f, RoleState role, AgentState agent, CompactResources offer) {
        agent.available.subtract(offer);
        state.track(f, role, agent, offer);
        if (quota != null) {
            quota.allocated(role.name, offer);
        }
        OfferKey key = quota == null ? null : new OfferKey(f, role.name, agent);
        Pending earlier = key == null ? null : offersByKey.get(key);
        if (earlier != null) {
            earlier.resources().add(offer);
            return;
        }
        Pending pending = new Pending(f, role, agent, offer);
        made.add(pending);
        if (key != null) {
            offersByKey.put(key, pending);
        }
    }
}
