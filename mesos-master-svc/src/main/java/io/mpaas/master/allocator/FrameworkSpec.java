package io.mpaas.master.allocator;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the allocator needs to know of a framework, taken from its {@code FrameworkInfo} and
 * SUBSCRIBE / UPDATE_FRAMEWORK call. A narrow record rather than the whole FrameworkInfo, so
 * the allocator does not depend on fields it must not act on (user, principal, webui).
 *
 * @param roles                the roles it subscribes to ({@code FrameworkInfo.roles}, or {@code role})
 * @param suppressedRoles      roles it asked not to be offered ({@code suppressed_roles}); a subset of roles
 * @param gpuCapable           whether it has the {@code GPU_RESOURCES} capability
 * @param minAllocatableByRole {@code FrameworkInfo.offer_filters[role].min_allocatable_resources}: per
 *                             role, the alternatives (each a map of quantities that must all be met)
 *                             that replace the master's minimum for that role
 */
public record FrameworkSpec(
        Set<String> roles,
        Set<String> suppressedRoles,
        boolean gpuCapable,
        Map<String, List<Map<String, Double>>> minAllocatableByRole) {

    public FrameworkSpec {
        roles = roles == null ? Set.of() : Set.copyOf(roles);
        suppressedRoles = suppressedRoles == null ? Set.of() : Set.copyOf(suppressedRoles);
        Set<String> notSubscribed = new HashSet<>(suppressedRoles);
        notSubscribed.removeAll(roles);
        if (!notSubscribed.isEmpty()) {
            throw new IllegalArgumentException("suppressed roles " + notSubscribed + " are not among the roles " + roles);
        }
        Map<String, List<Map<String, Double>>> copy = new LinkedHashMap<>();
        if (minAllocatableByRole != null) {
            minAllocatableByRole.forEach((role, alternatives) ->
                    copy.put(role, new MinAllocatable(alternatives).alternatives()));
        }
        minAllocatableByRole = Map.copyOf(copy);
    }

    /** A framework in the given roles, none suppressed, not GPU-capable, default minimum. */
    public static FrameworkSpec of(String... roles) {
        return new FrameworkSpec(Set.of(roles), Set.of(), false, Map.of());
    }

    public FrameworkSpec withSuppressed(String... suppressed) {
        return new FrameworkSpec(roles, Set.of(suppressed), gpuCapable, minAllocatableByRole);
    }

    public FrameworkSpec withGpuCapable(boolean capable) {
        return new FrameworkSpec(roles, suppressedRoles, capable, minAllocatableByRole);
    }

    public FrameworkSpec withMinAllocatable(String role, MinAllocatable minimum) {
        Map<String, List<Map<String, Double>>> copy = new LinkedHashMap<>(minAllocatableByRole);
        copy.put(role, minimum.alternatives());
        return new FrameworkSpec(roles, suppressedRoles, gpuCapable, copy);
    }
}
