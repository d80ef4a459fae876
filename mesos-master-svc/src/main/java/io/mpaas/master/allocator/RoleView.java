package io.mpaas.master.allocator;

import io.mpaas.protocol.mesos.FrameworkId;
import java.util.Map;
import java.util.Set;

/**
 * One role as operators see it on {@code /master/roles} and in metrics: a copy, so readers
 * never hold the allocator's mutable state.
 *
 * @param name       the role
 * @param weight     its DRF weight (1.0 unless set)
 * @param quota      its quota, {@link Quota#NONE} when none
 * @param allocated  scalar quantities offered to or used by its frameworks (this role only)
 * @param reserved   scalar quantities reserved for it on agents (this role only)
 * @param consumed   quota consumption: reservations plus unreserved allocations of the role
 *                   and its sub-roles, what quota guarantees and limits are compared with
 * @param frameworks frameworks subscribed to it or still holding resources in it
 */
public record RoleView(
        String name,
        double weight,
        Quota quota,
        Map<String, Double> allocated,
        Map<String, Double> reserved,
        Map<String, Double> consumed,
        Set<FrameworkId> frameworks) {

    public RoleView {
        allocated = Map.copyOf(allocated);
        reserved = Map.copyOf(reserved);
        consumed = Map.copyOf(consumed);
        frameworks = Set.copyOf(frameworks);
    }
}
