package io.mpaas.master.allocator;

import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.Resources;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Decides which framework is offered which agent's resources: Mesos's hierarchical DRF
 * allocator (weighted dominant resource fairness between roles and between the frameworks of
 * a role, quota guarantees and limits, refusal filters, SUPPRESS/REVIVE, minimum offer size,
 * GPU filtering). The master tells it what exists and what comes back; {@link #allocate()}
 * returns the offers to make. Everything it returns counts as allocated until the master
 * recovers it.
 *
 * <p>Not thread-safe by design: the master calls it under its own lock, one call at a time,
 * which is what keeps its bookkeeping simple and its cycle fast (no copies, no locks in the
 * hot path). Time comes from the injected clock, read once per call; the agent shuffle from
 * the injected random source; so tests are deterministic. Calls naming an unknown agent or
 * framework are ignored (the master may race a removal); adding a known one is a bug and throws.
 *
 * <p>Event-driven allocation (Mesos allocates again after an agent is added or a framework
 * revives) is the caller's decision: it calls {@link #allocate()} on its timer and after such
 * events.
 */
public final class HierarchicalAllocator {

    private final AllocatorState state;
    private final Clock clock;
    private final RandomGenerator random;
    /** Written under the master's lock, read by metrics without it. */
    private volatile long allocationRuns;
    private volatile long lastRunNanos;

    public HierarchicalAllocator(AllocatorSettings settings, Clock clock, RandomGenerator random) {
        this.state = new AllocatorState(Objects.requireNonNull(settings, "settings"));
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    // ---- agents -------------------------------------------------------------------------

    /**
     * Adds an agent, active. {@code used} is what tasks already hold on it (re-registration after
     * a master failover): it is never offered, and it counts for the frameworks already known;
     * for the others it counts when they are added with the same {@code used}.
     */
    public void addAgent(AgentId id, Resources total, Map<FrameworkId, Map<String, Resources>> used) {
        if (state.agents.containsKey(id)) {
            throw new IllegalStateException("agent " + id + " already added");
        }
        AgentState agent = new AgentState(id);
        setTotal(agent, total);
        agent.available = agent.total.copy();
        agent.index = state.agentList.size();
        state.agents.put(id, agent);
        state.agentList.add(agent);
        state.countTotal(agent.total, 1);
        if (used != null) {
            used.forEach((frameworkId, byRole) -> byRole.forEach((role, resources) ->
                    state.takeReportedByAgent(agent, frameworkId, role, CompactResources.of(resources, state.shapes))));
        }
    }

    /** The agent's total changed (oversubscription, operator update); allocations stay as they are. */
    public void updateAgent(AgentId id, Resources newTotal) {
        AgentState agent = state.agents.get(id);
        if (agent == null) {
            return;
        }
        CompactResources allocated = agent.total.copy();
        allocated.subtract(agent.available);
        state.countTotal(agent.total, -1);
        setTotal(agent, newTotal);
        agent.available = agent.total.copy();
        agent.available.subtract(allocated);
        state.countTotal(agent.total, 1);
    }

    private void setTotal(AgentState agent, Resources total) {
        agent.totalResources = Objects.requireNonNull(total, "total");
        agent.total = CompactResources.of(total, state.shapes);
        agent.hasGpus = total.scalar("gpus") > 0;
    }

    /** Forgets an agent and everything allocated on it (the master deals with its tasks). */
    public void removeAgent(AgentId id) {
        AgentState agent = state.agents.remove(id);
        if (agent == null) {
            return;
        }
        for (FrameworkState f : List.copyOf(agent.holders)) {
            state.untrackAll(f, agent);
        }
        for (FrameworkState f : state.frameworks.values()) {
            f.filters.forgetAgent(agent);
        }
        state.countTotal(agent.total, -1);
        state.unlist(agent);
    }

    public void activateAgent(AgentId id) {
        AgentState agent = state.agents.get(id);
        if (agent != null) {
            agent.active = true;
        }
    }

    /** No offers from this agent until it is activated again; its allocations stay. */
    public void deactivateAgent(AgentId id) {
        AgentState agent = state.agents.get(id);
        if (agent != null) {
            agent.active = false;
        }
    }

    // ---- frameworks ---------------------------------------------------------------------

    /**
     * Adds a framework, active (it has just subscribed). {@code used} is what its known tasks
     * hold, per agent and role; it counts towards its share and is never offered.
     */
    public void addFramework(FrameworkId id, FrameworkSpec spec, Map<AgentId, Map<String, Resources>> used) {
        if (state.frameworks.containsKey(id)) {
            throw new IllegalStateException("framework " + id + " already added");
        }
        FrameworkState f = new FrameworkState(id, Objects.requireNonNull(spec, "spec"));
        state.frameworks.put(id, f);
        applySpec(f, spec);
        for (String role : spec.roles()) {
            state.syncMembership(f, role);
        }
        if (used != null) {
            used.forEach((agentId, byRole) -> {
                AgentState agent = state.agents.get(agentId);
                if (agent != null) {
                    byRole.forEach((role, resources) ->
                            state.takeReportedByFramework(f, agent, role, CompactResources.of(resources, state.shapes)));
                }
            });
        }
    }

    /**
     * UPDATE_FRAMEWORK or re-subscription: roles, suppressed roles, capabilities and minimums may
     * change. What it holds in roles it left stays counted until recovered; their filters go.
     */
    public void updateFramework(FrameworkId id, FrameworkSpec spec) {
        FrameworkState f = state.frameworks.get(id);
        if (f == null) {
            return;
        }
        Set<String> touched = new HashSet<>(f.spec.roles());
        touched.addAll(f.minimums.keySet());
        Set<String> left = new HashSet<>(f.spec.roles());
        left.removeAll(spec.roles());
        f.filters.clear(left);
        f.spec = spec;
        applySpec(f, spec);
        touched.addAll(spec.roles());
        for (String role : touched) {
            state.syncMembership(f, role);
        }
    }

    private void applySpec(FrameworkState f, FrameworkSpec spec) {
        f.suppressed.clear();
        f.suppressed.addAll(spec.suppressedRoles());
        f.minimums.clear();
        spec.minAllocatableByRole().forEach((role, alternatives) ->
                f.minimums.put(role, MinimumRule.compile(new MinAllocatable(alternatives), state.shapes)));
    }

    /** Forgets a framework and its allocations (the master recovers or kills what it held). */
    public void removeFramework(FrameworkId id) {
        FrameworkState f = state.frameworks.remove(id);
        if (f == null) {
            return;
        }
        for (AgentState agent : List.copyOf(holdingAgents(f))) {
            state.untrackAll(f, agent);
        }
        state.leaveAllRoles(f);
    }

    private static Set<AgentState> holdingAgents(FrameworkState f) {
        Set<AgentState> agents = new HashSet<>();
        f.allocations.values().forEach(byAgent -> agents.addAll(byAgent.keySet()));
        return agents;
    }

    public void activateFramework(FrameworkId id) {
        setFrameworkActive(id, true);
    }

    /** Disconnected: no offers, allocations kept. Its filters go, as in Mesos: it wants fresh offers when back. */
    public void deactivateFramework(FrameworkId id) {
        setFrameworkActive(id, false);
    }

    private void setFrameworkActive(FrameworkId id, boolean active) {
        FrameworkState f = state.frameworks.get(id);
        if (f == null) {
            return;
        }
        f.active = active;
        if (!active) {
            f.filters.clearAll();
        }
        for (String role : f.spec.roles()) {
            state.syncMembership(f, role);
        }
    }

    // ---- resources coming back, filters, suppression -----------------------------------

    /**
     * Gives resources back to the agent: a declined offer or the unused part of an ACCEPT (with
     * {@code refuseFor}), a rescinded offer or a finished task (null). With a refusal, the
     * framework is not offered these resources of this agent in this role again until it
     * expires (see {@link AllocatorSettings#clampRefusal}), unless more becomes available.
     */
    public void recoverResources(FrameworkId frameworkId, AgentId agentId, String role, Resources resources,
                                 Duration refuseFor) {
        AgentState agent = state.agents.get(agentId);
        if (agent == null || resources == null || resources.isEmpty()) {
            return;
        }
        CompactResources recovered = CompactResources.of(resources, state.shapes);
        FrameworkState f = state.frameworks.get(frameworkId);
        if (f != null) {
            state.untrack(f, role, agent, recovered);
        }
        state.giveBack(agent, recovered);
        Duration refusal = state.settings.clampRefusal(refuseFor);
        if (f != null && refusal != null) {
            f.filters.add(role, agent, recovered, clock.instant().plus(refusal));
        }
    }

    /**
     * Offered resources changed shape through an operation on them (RESERVE, UNRESERVE, CREATE,
     * DESTROY): {@code from} becomes {@code to} in the framework's allocation and in the agent's total.
     */
    public void updateAllocation(FrameworkId frameworkId, AgentId agentId, String role, Resources from,
                                 Resources to) {
        AgentState agent = state.agents.get(agentId);
        FrameworkState f = state.frameworks.get(frameworkId);
        if (agent == null || f == null) {
            return;
        }
        state.reshape(f, role, agent, CompactResources.of(from, state.shapes), CompactResources.of(to, state.shapes));
    }

    /** REVIVE: clears the framework's refusal filters and un-suppresses the roles (empty: all its roles). */
    public void reviveOffers(FrameworkId id, Set<String> roles) {
        FrameworkState f = state.frameworks.get(id);
        if (f == null) {
            return;
        }
        if (roles == null || roles.isEmpty()) {
            f.filters.clearAll();
        } else {
            f.filters.clear(roles);
        }
        Set<String> targets = targets(f, roles);
        f.suppressed.removeAll(targets);
        targets.forEach(role -> state.syncMembership(f, role));
    }

    /** SUPPRESS: no offers in these roles (empty: all its roles) until revived. */
    public void suppressOffers(FrameworkId id, Set<String> roles) {
        FrameworkState f = state.frameworks.get(id);
        if (f == null) {
            return;
        }
        Set<String> targets = targets(f, roles);
        f.suppressed.addAll(targets);
        targets.forEach(role -> state.syncMembership(f, role));
    }

    private static Set<String> targets(FrameworkState f, Set<String> roles) {
        Set<String> targets = new HashSet<>(f.spec.roles());
        if (roles != null && !roles.isEmpty()) {
            targets.retainAll(roles);
        }
        return targets;
    }

    // ---- operator settings -----------------------------------------------------------------

    /** Sets role weights (others keep theirs); 1.0 is the default. */
    public void updateWeights(Map<String, Double> weights) {
        weights.forEach((role, weight) -> {
            if (weight == null || !(weight > 0) || weight.isInfinite()) {
                throw new IllegalArgumentException("weight of role " + role + " must be positive: " + weight);
            }
        });
        weights.forEach((role, weight) -> {
            if (weight == 1.0) {
                state.weights.remove(role);
            } else {
                state.weights.put(role, weight);
            }
            state.role(role);
            state.roleSorter.setWeight(role, weight);
        });
    }

    /** Sets a role's quota; {@link Quota#NONE} removes it. Applies from the next cycle. */
    public void updateQuota(String role, Quota quota) {
        Objects.requireNonNull(role, "role");
        if (quota == null || quota.isNone()) {
            state.quotas.remove(role);
        } else {
            state.quotas.put(role, quota);
            state.role(role);
        }
    }

    // ---- the cycle ---------------------------------------------------------------------------

    /** Runs one allocation cycle: the offers to make now. */
    public List<Allocation> allocate() {
        long start = System.nanoTime();
        List<Allocation> allocations = AllocationCycle.run(state, random, clock.instant());
        allocationRuns++;
        lastRunNanos = System.nanoTime() - start;
        return allocations;
    }

    // ---- read side ---------------------------------------------------------------------------

    /** Every role with frameworks, a weight, a quota, reservations or allocations, by name. */
    public List<RoleView> roles() {
        return RoleViews.of(state);
    }

    public double weight(String role) {
        return state.weights.getOrDefault(role, 1.0);
    }

    public Quota quota(String role) {
        return state.quotas.getOrDefault(role, Quota.NONE);
    }

    /** What is offered or used on an agent (empty for an unknown agent). */
    public Resources allocated(AgentId id) {
        AgentState agent = state.agents.get(id);
        if (agent == null) {
            return Resources.EMPTY;
        }
        CompactResources allocated = agent.total.copy();
        allocated.subtract(agent.available);
        return allocated.toResources();
    }

    /** What an agent has neither offered nor in use (empty for an unknown agent). */
    public Resources available(AgentId id) {
        AgentState agent = state.agents.get(id);
        return agent == null ? Resources.EMPTY : agent.available.toResources();
    }

    /** Scalar totals of all agents, by resource name. */
    public Map<String, Double> clusterTotal() {
        return state.clusterTotal.toMap(state.shapes);
    }

    /** Scalar quantities offered or used by known frameworks, by resource name. */
    public Map<String, Double> clusterAllocated() {
        return state.clusterAllocated.toMap(state.shapes);
    }

    /** Refusal filters not yet expired (Mesos's {@code allocator/mesos/offer_filters/...}). */
    public int activeRefusalFilters() {
        Instant now = clock.instant();
        int n = 0;
        for (FrameworkState f : state.frameworks.values()) {
            n += f.filters.activeCount(now);
        }
        return n;
    }

    /** Cycles run so far ({@code allocator/mesos/allocation_runs}). */
    public long allocationRuns() {
        return allocationRuns;
    }

    /** How long the last cycle took, by {@link System#nanoTime()} ({@code allocation_run_ms}); metrics only. */
    public Duration lastAllocationRunDuration() {
        return Duration.ofNanos(lastRunNanos);
    }
}
