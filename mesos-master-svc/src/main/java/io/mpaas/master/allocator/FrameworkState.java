package io.mpaas.master.allocator;

import io.mpaas.protocol.mesos.FrameworkId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The allocator's view of one framework: its spec, whether it is connected, which roles it
 * suppressed, its refusal filters and what it holds, per role and agent. Holdings are kept
 * here (not only as totals) so that recovering, removing an agent or removing the framework
 * can take back exactly what was counted, ports included.
 */
final class FrameworkState {

    final FrameworkId id;
    /** The id as sorter clients are named. */
    final String client;
    FrameworkSpec spec;
    /** Disconnected frameworks get no offers but keep their allocations. */
    boolean active = true;
    final Set<String> suppressed = new HashSet<>();
    final RefusalFilters filters = new RefusalFilters();
    /** Per role its own minimum ({@code offer_filters}); roles absent use the master's. */
    final Map<String, MinimumRule> minimums = new HashMap<>();
    /** role -> agent -> resources offered to it or used by its tasks. */
    final Map<String, Map<AgentState, CompactResources>> allocations = new HashMap<>();

    FrameworkState(FrameworkId id, FrameworkSpec spec) {
        this.id = id;
        this.client = id.value();
        this.spec = spec;
    }

    /** Whether the framework is to be offered resources in {@code role} now. */
    boolean wantsOffers(String role) {
        return active && spec.roles().contains(role) && !suppressed.contains(role);
    }

    boolean holdsIn(String role) {
        return allocations.containsKey(role);
    }

    boolean holdsOn(AgentState agent) {
        for (Map<AgentState, CompactResources> byAgent : allocations.values()) {
            if (byAgent.containsKey(agent)) {
                return true;
            }
        }
        return false;
    }
}
