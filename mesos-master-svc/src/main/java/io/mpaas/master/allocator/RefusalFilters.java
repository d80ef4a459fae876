package io.mpaas.master.allocator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One framework's refusal filters (Mesos's {@code RefusedOfferFilter}): after it declines
 * resources of an agent in a role, with {@code refuse_seconds}, that agent is not offered to it
 * in that role again until the filter expires, unless more than it declined has become
 * available. This is what keeps a cluster with many frameworks from spending its cycles
 * offering the same agent to the one framework that keeps saying no.
 *
 * <p>Looked up once per (agent, role, framework) visited in a cycle, so lookups are two hash
 * probes keyed by role and agent identity. Expired filters are dropped when they are met.
 */
final class RefusalFilters {

    /** Resources declined until {@code expiry}. */
    private record Filter(CompactResources refused, Instant expiry) {
    }

    private final Map<String, Map<AgentState, List<Filter>>> byRole = new HashMap<>();

    void add(String role, AgentState agent, CompactResources refused, Instant expiry) {
        byRole.computeIfAbsent(role, r -> new HashMap<>())
                .computeIfAbsent(agent, a -> new ArrayList<>(1))
                .add(new Filter(refused, expiry));
    }

    /**
     * Whether offering {@code candidate} from {@code agent} in {@code role} is refused at {@code now}:
     * an unexpired filter holds all of it.
     */
    boolean refuses(String role, AgentState agent, CompactResources candidate, Instant now) {
        if (byRole.isEmpty()) {
            return false;
        }
        Map<AgentState, List<Filter>> byAgent = byRole.get(role);
        if (byAgent == null) {
            return false;
        }
        List<Filter> filters = byAgent.get(agent);
        if (filters == null) {
            return false;
        }
        boolean refused = false;
        for (Iterator<Filter> it = filters.iterator(); it.hasNext(); ) {
            Filter f = it.next();
            if (!now.isBefore(f.expiry())) {
                it.remove();
            } else if (!refused && f.refused().contains(candidate)) {
                refused = true;
            }
        }
        if (filters.isEmpty()) {
            byAgent.remove(agent);
            if (byAgent.isEmpty()) {
                byRole.remove(role);
            }
        }
        return refused;
    }

    /** REVIVE: forget the filters of these roles. */
    void clear(Collection<String> roles) {
        for (String role : roles) {
            byRole.remove(role);
        }
    }

    void clearAll() {
        byRole.clear();
    }

    /** The agent is gone: its filters would only hold memory (and match a new agent of the same id). */
    void forgetAgent(AgentState agent) {
        byRole.values().removeIf(byAgent -> {
            byAgent.remove(agent);
            return byAgent.isEmpty();
        });
    }

    /** Filters not yet expired at {@code now} (for tests and metrics). */
    int activeCount(Instant now) {
        int n = 0;
        for (Map<AgentState, List<Filter>> byAgent : byRole.values()) {
            for (List<Filter> filters : byAgent.values()) {
                for (Filter f : filters) {
                    if (now.isBefore(f.expiry())) {
                        n++;
                    }
                }
            }
        }
        return n;
    }
}
