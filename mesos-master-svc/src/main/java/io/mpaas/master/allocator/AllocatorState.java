package io.mpaas.master.allocator;

import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.FrameworkId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the allocator knows, and the bookkeeping that must stay consistent across it: an
 * allocation is counted in the framework's holdings, its role's and framework's DRF sorters,
 * the role's quota consumption and the cluster's allocated total, and taken out of all of
 * them the same way. {@link HierarchicalAllocator} translates the master's calls into these
 * operations and {@link AllocationCycle} reads and updates the same state.
 */
final class AllocatorState {

    final AllocatorSettings settings;
    final ResourceShapes shapes = new ResourceShapes();
    final Map<AgentId, AgentState> agents = new HashMap<>();
    /** The agents in a list as well: the cycle shuffles it, removal swaps the last one in. */
    final List<AgentState> agentList = new ArrayList<>();
    final Map<FrameworkId, FrameworkState> frameworks = new HashMap<>();
    final Map<String, RoleState> roles = new HashMap<>();
    final ScalarQuantities clusterTotal = new ScalarQuantities();
    final ScalarQuantities clusterAllocated = new ScalarQuantities();
    final DrfSorter<RoleState> roleSorter = new DrfSorter<>(true, clusterTotal);
    final Map<String, Double> weights = new HashMap<>();
    final Map<String, Quota> quotas = new HashMap<>();
    final MinimumRule defaultMinimum;

    AllocatorState(AllocatorSettings settings) {
        this.settings = settings;
        this.defaultMinimum = MinimumRule.compile(settings.minAllocatable(), shapes);
    }

    RoleState role(String name) {
        RoleState role = roles.get(name);
        if (role == null) {
            role = new RoleState(name, clusterTotal);
            roles.put(name, role);
        }
        return role;
    }

    /** Every share changed: the cluster total is different. */
    void totalChanged() {
        roleSorter.totalChanged();
        for (RoleState role : roles.values()) {
            role.frameworks.totalChanged();
        }
    }

    /** Adds or subtracts an agent's total to the cluster total and its reservations to their roles. */
    void countTotal(CompactResources total, int sign) {
        clusterTotal.add(total, sign, false);
        for (int i = 0; i < total.size(); i++) {
            ResourceShapes.Shape shape = total.shapeAt(i);
            if (shape.isScalar() && !shape.isUnreserved()) {
                role(shape.reservationRole()).reserved.add(shape.nameIndex(), sign * total.scalarAt(i));
            }
        }
        totalChanged();
    }

    /**
     * Brings a framework's membership and activity in one role up to date: it is a client of
     * the role's sorter while it subscribes to the role or holds resources in it, and active
     * while it is connected, subscribed and not suppressed. The role is a client of the role
     * sorter while it has frameworks, active while one of them is. Never call during a cycle.
     */
    void syncMembership(FrameworkState f, String roleName) {
        RoleState role = role(roleName);
        boolean member = f.spec.roles().contains(roleName) || f.holdsIn(roleName);
        if (member && !role.frameworks.contains(f.client)) {
            role.frameworks.add(f.client, f);
            if (!roleSorter.contains(roleName)) {
                roleSorter.add(roleName, role);
            }
        } else if (!member && role.frameworks.contains(f.client)) {
            role.frameworks.remove(f.client);
            if (role.frameworks.size() == 0) {
                roleSorter.remove(roleName);
            }
        }
        if (member && f.wantsOffers(roleName)) {
            role.frameworks.activate(f.client);
        } else {
            role.frameworks.deactivate(f.client);
        }
        if (member && f.minimums.containsKey(roleName)) {
            role.ownMinimum.add(f);
        } else {
            role.ownMinimum.remove(f);
        }
        if (role.frameworks.hasActive()) {
            roleSorter.activate(roleName);
        } else {
            roleSorter.deactivate(roleName);
        }
    }

    /**
     * Counts resources as allocated to a framework in a role on an agent, in every place that
     * counts them. Does not touch the agent's available resources (the caller does) nor
     * membership, so the cycle may call it while iterating the sorters.
     */
    void track(FrameworkState f, RoleState role, AgentState agent, CompactResources resources) {
        Map<AgentState, CompactResources> byAgent = f.allocations.computeIfAbsent(role.name, r -> new HashMap<>());
        CompactResources held = byAgent.get(agent);
        if (held == null) {
            byAgent.put(agent, resources.copy());
        } else {
            held.add(resources);
        }
        agent.holders.add(f);
        role.frameworks.allocated(f.client, resources);
        roleSorter.allocated(role.name, resources);
        role.unreservedAllocated.add(resources, 1, true);
        clusterAllocated.add(resources, 1, false);
    }

    /** Counts resources found in use (re-registration, re-subscription): makes the framework a member of the role first. */
    void trackUsed(FrameworkState f, String roleName, AgentState agent, CompactResources resources) {
        if (resources.isEmpty()) {
            return;
        }
        f.allocations.computeIfAbsent(roleName, r -> new HashMap<>());
        syncMembership(f, roleName);
        track(f, role(roleName), agent, resources);
    }

    /**
     * Takes back from a framework's holdings in a role on an agent what it holds of
     * {@code resources}; returns that part (what the agent may have back). Updates membership,
     * so never call during a cycle.
     */
    CompactResources untrack(FrameworkState f, String roleName, AgentState agent, CompactResources resources) {
        Map<AgentState, CompactResources> byAgent = f.allocations.get(roleName);
        CompactResources held = byAgent == null ? null : byAgent.get(agent);
        if (held == null) {
            return CompactResources.empty(shapes);
        }
        CompactResources removed = held.commonPart(resources);
        held.subtract(removed);
        if (held.isEmpty()) {
            byAgent.remove(agent);
            if (byAgent.isEmpty()) {
                f.allocations.remove(roleName);
            }
            if (!f.holdsOn(agent)) {
                agent.holders.remove(f);
            }
        }
        RoleState role = role(roleName);
        role.frameworks.unallocated(f.client, removed);
        roleSorter.unallocated(roleName, removed);
        role.unreservedAllocated.add(removed, -1, true);
        clusterAllocated.add(removed, -1, false);
        if (!f.holdsIn(roleName)) {
            syncMembership(f, roleName);
        }
        return removed;
    }

    /** Untracks everything a framework holds on an agent, in every role (agent or framework removed). */
    void untrackAll(FrameworkState f, AgentState agent) {
        for (String roleName : List.copyOf(f.allocations.keySet())) {
            CompactResources held = f.allocations.get(roleName).get(agent);
            if (held != null) {
                untrack(f, roleName, agent, held.copy());
            }
        }
    }

    /** Takes a removed framework out of every role's order; its holdings must have been untracked. */
    void leaveAllRoles(FrameworkState f) {
        for (RoleState role : roles.values()) {
            role.ownMinimum.remove(f);
            if (!role.frameworks.contains(f.client)) {
                continue;
            }
            role.frameworks.remove(f.client);
            if (role.frameworks.size() == 0) {
                roleSorter.remove(role.name);
            } else if (!role.frameworks.hasActive()) {
                roleSorter.deactivate(role.name);
            }
        }
    }

    /**
     * Resources a re-registering agent reports in use by a framework's tasks: never available;
     * counted for the framework if it is known (else when it re-subscribes).
     */
    void takeReportedByAgent(AgentState agent, FrameworkId frameworkId, String role, CompactResources used) {
        CompactResources taken = agent.available.commonPart(used);
        agent.available.subtract(taken);
        FrameworkState f = frameworks.get(frameworkId);
        if (f != null) {
            trackUsed(f, role, agent, taken);
        }
    }

    /**
     * Resources a re-subscribing framework's known tasks use on an agent. Usually the agent
     * reported them and they are already out of available (allocated, untracked); only a part
     * that is not is taken out now, so nothing is subtracted twice.
     */
    void takeReportedByFramework(FrameworkState f, AgentState agent, String role, CompactResources used) {
        CompactResources inUse = agent.total.commonPart(used);
        CompactResources notExcluded = inUse.copy();
        notExcluded.subtract(untrackedOn(agent));
        agent.available.subtract(notExcluded);
        trackUsed(f, role, agent, inUse);
    }

    /** Returns resources to an agent's available, but only what it counts as allocated: never a port twice. */
    void giveBack(AgentState agent, CompactResources resources) {
        CompactResources allocated = agent.total.copy();
        allocated.subtract(agent.available);
        agent.available.add(allocated.commonPart(resources));
    }

    /**
     * An operation turned allocated {@code from} into {@code to} (a reservation, a volume): the
     * agent's total and the framework's holding change, what is available does not.
     */
    void reshape(FrameworkState f, String role, AgentState agent, CompactResources from, CompactResources to) {
        CompactResources removed = untrack(f, role, agent, from);
        countTotal(agent.total, -1);
        agent.total.subtract(removed);
        agent.total.add(to);
        agent.totalResources = agent.total.toResources();
        agent.hasGpus = agent.totalResources.scalar("gpus") > 0;
        countTotal(agent.total, 1);
        trackUsed(f, role, agent, to);
    }

    /** Takes an agent out of the list the cycle shuffles: the last one moves into its place. */
    void unlist(AgentState agent) {
        AgentState last = agentList.removeLast();
        if (last != agent) {
            agentList.set(agent.index, last);
            last.index = agent.index;
        }
    }

    /**
     * What is allocated on an agent but counted for no known framework: tasks of frameworks that
     * have not re-subscribed since the agent re-registered.
     */
    CompactResources untrackedOn(AgentState agent) {
        CompactResources untracked = agent.total.copy();
        untracked.subtract(agent.available);
        for (FrameworkState holder : agent.holders) {
            for (Map<AgentState, CompactResources> byAgent : holder.allocations.values()) {
                CompactResources held = byAgent.get(agent);
                if (held != null) {
                    untracked.subtract(held);
                }
            }
        }
        return untracked;
    }

    /** Quota consumption of a role: reservations plus unreserved allocations of it and its sub-roles. */
    ScalarQuantities consumed(String roleName) {
        ScalarQuantities consumed = new ScalarQuantities();
        String prefix = roleName + "/";
        for (RoleState r : roles.values()) {
            if (r.name.equals(roleName) || r.name.startsWith(prefix)) {
                consumed.add(r.reserved, 1);
                consumed.add(r.unreservedAllocated, 1);
            }
        }
        return consumed;
    }
}
