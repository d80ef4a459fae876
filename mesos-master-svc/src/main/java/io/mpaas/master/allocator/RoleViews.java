package io.mpaas.master.allocator;

import io.mpaas.protocol.mesos.FrameworkId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds the read side of roles for {@code /master/roles} and metrics: copies out of the
 * allocator's state, so the caller may keep them after the master's lock is released.
 */
final class RoleViews {

    private RoleViews() {
    }

    /** Every role with frameworks, a weight, a quota, reservations or allocations, by name. */
    static List<RoleView> of(AllocatorState state) {
        Set<String> names = new TreeSet<>();
        for (RoleState role : state.roles.values()) {
            if (role.frameworks.size() > 0 || !role.reserved.isZero() || !role.unreservedAllocated.isZero()
                    || !state.roleSorter.allocation(role.name).isZero()) {
                names.add(role.name);
            }
        }
        names.addAll(state.weights.keySet());
        names.addAll(state.quotas.keySet());
        List<RoleView> views = new ArrayList<>(names.size());
        for (String name : names) {
            RoleState role = state.role(name);
            Set<FrameworkId> frameworks = new HashSet<>();
            role.frameworks.clients().forEach(f -> frameworks.add(f.id));
            views.add(new RoleView(name, state.weights.getOrDefault(name, 1.0),
                    state.quotas.getOrDefault(name, Quota.NONE),
                    state.roleSorter.allocation(name).toMap(state.shapes), role.reserved.toMap(state.shapes),
                    state.consumed(name).toMap(state.shapes), frameworks));
        }
        return views;
    }
}
