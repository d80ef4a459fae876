package io.mpaas.protocol.mesos;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A framework's description of itself, sent in SUBSCRIBE. {@code failover_timeout} (seconds,
 * default 0) is how long the master keeps the framework's tasks after its connection drops.
 */
public record FrameworkInfo(
        String user,
        String name,
        FrameworkId id,
        Double failoverTimeout,
        Boolean checkpoint,
        String role,
        List<String> roles,
        String hostname,
        String principal,
        String webuiUrl,
        List<Capability> capabilities,
        Labels labels,
        Map<String, JsonNode> offerFilters) {

    public FrameworkInfo {
        roles = roles == null ? List.of() : List.copyOf(roles);
        capabilities = capabilities == null ? List.of() : capabilities.stream()
                .filter(c -> c != null && c.type() != null).toList();
        offerFilters = offerFilters == null ? Map.of() : Map.copyOf(offerFilters);
    }

    /** A framework capability; unknown capability names are dropped when read. */
    public record Capability(Type type) {
        public enum Type {
            REVOCABLE_RESOURCES,
            TASK_KILLING_STATE,
            GPU_RESOURCES,
            SHARED_RESOURCES,
            PARTITION_AWARE,
            MULTI_ROLE,
            RESERVATION_REFINEMENT,
            REGION_AWARE
        }
    }

    public static FrameworkInfo of(String user, String name, List<String> roles, double failoverTimeout) {
        return new FrameworkInfo(user, name, null, failoverTimeout, true, null, roles, null, null, null,
                List.of(new Capability(Capability.Type.MULTI_ROLE)), null, null);
    }

    public boolean hasCapability(Capability.Type type) {
        for (Capability c : capabilities) {
            if (c.type() == type) {
                return true;
            }
        }
        return false;
    }

    /** The roles the framework subscribes with: {@code roles} for MULTI_ROLE frameworks, else {@code role} or "*". */
    public List<String> effectiveRoles() {
        if (hasCapability(Capability.Type.MULTI_ROLE)) {
            return roles;
        }
        return List.of(role == null || role.isEmpty() ? Resource.UNRESERVED : role);
    }

    public boolean isPartitionAware() {
        return hasCapability(Capability.Type.PARTITION_AWARE);
    }

    public double failoverTimeoutSeconds() {
        return failoverTimeout == null ? 0 : failoverTimeout;
    }

    public boolean isCheckpointing() {
        return Boolean.TRUE.equals(checkpoint);
    }

    public FrameworkInfo withId(FrameworkId newId) {
        return new FrameworkInfo(user, name, newId, failoverTimeout, checkpoint, role, roles, hostname, principal,
                webuiUrl, capabilities, labels, offerFilters);
    }
}
