package io.mpaas.master.allocator;

import java.util.HashSet;
import java.util.Set;

/**
 * One role: the DRF order of its frameworks and the amounts quota is computed from. Created
 * when a framework, a reservation, a weight or a quota first names the role.
 */
final class RoleState {

    final String name;
    /** Its frameworks, lowest share within the role first. */
    final DrfSorter<FrameworkState> frameworks;
    /** Scalars reserved for exactly this role on agents, allocated or not. */
    final ScalarQuantities reserved = new ScalarQuantities();
    /** Unreserved scalars offered to or used in exactly this role. */
    final ScalarQuantities unreservedAllocated = new ScalarQuantities();
    /** Frameworks with their own minimum for this role: when the default minimum fails, only they can take an offer. */
    final Set<FrameworkState> ownMinimum = new HashSet<>();

    RoleState(String name, ScalarQuantities clusterTotal) {
        this.name = name;
        this.frameworks = new DrfSorter<>(false, clusterTotal);
    }
}
