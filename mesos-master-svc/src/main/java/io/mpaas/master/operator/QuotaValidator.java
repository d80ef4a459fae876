package io.mpaas.master.operator;

import io.mpaas.master.MasterError;
import io.mpaas.master.framework.RoleNames;
import io.mpaas.master.operator.ClusterSnapshot.AgentView;
import io.mpaas.master.registry.QuotaConfig;
import io.mpaas.protocol.mesos.Resource;
import io.mpaas.protocol.mesos.Scalar;
import io.mpaas.protocol.mesos.ValueType;
import io.mpaas.protocol.mesos.master.QuotaRequest;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Checks quota changes against one snapshot, with Mesos's rules and messages: a valid role that is
 * not nested, scalar resources only, no negative or absurd values, guarantees within limits, and
 * (unless forced) limits above what the role already consumes and guarantees that fit the cluster.
 * Beyond Mesos, a resource name the cluster does not know is refused, since a typo would otherwise
 * silently bound nothing.
 */
final class QuotaValidator {

    /** Resources every agent reports, known before any agent registers. */
    private static final Set<String> STANDARD_SCALARS = Set.of("cpus", "mem", "disk", "gpus");
    /** Mesos refuses larger values: its fixed-point scalars overflow beyond. */
    private static final double MAX_MEGABYTES = 1024.0 * 1024 * 1024 * 1024;
    private static final double MAX_OTHER = 1e12;

    private final ClusterSnapshot snapshot;
    private final Set<String> scalarNames = new HashSet<>(STANDARD_SCALARS);
    private final Set<String> otherNames = new HashSet<>(Set.of("ports"));
    private final Map<String, Double> capacity = new TreeMap<>();

    QuotaValidator(ClusterSnapshot snapshot) {
        this.snapshot = snapshot;
        for (AgentView agent : snapshot.registeredAgents()) {
            for (Resource r : agent.total().toList()) {
                (r.type() == ValueType.SCALAR ? scalarNames : otherNames).add(r.name());
            }
            agent.total().filter(r -> !r.isRevocable()).scalars().forEach((k, v) -> capacity.merge(k, v, Double::sum));
        }
    }

    /** UPDATE_QUOTA: role to new quota (an empty quota removes it). */
    Map<String, QuotaConfig> updates(List<io.mpaas.protocol.mesos.master.QuotaConfig> configs, boolean force) {
        Map<String, QuotaConfig> updates = new LinkedHashMap<>();
        for (io.mpaas.protocol.mesos.master.QuotaConfig config : configs) {
            String role = config == null ? null : config.role();
            if (role == null || role.isEmpty()) {
                throw invalid("'QuotaConfig.role' must be set");
            }
            RoleNames.validate(role).ifPresent(m -> {
                throw invalid("Invalid 'QuotaConfig.role': " + m);
            });
            if (role.contains("/")) {
                throw MasterError.badRequest("Updating quota on nested role '" + role + "' is not supported yet");
            }
            if (updates.containsKey(role)) {
                throw invalid("Role '" + role + "' appears more than once");
            }
            Map<String, Double> guarantees = quantities("guarantees", "guarantee",
                    io.mpaas.protocol.mesos.master.QuotaConfig.quantities(config.guarantees()));
            Map<String, Double> limits = quantities("limits", "limit",
                    io.mpaas.protocol.mesos.master.QuotaConfig.quantities(config.limits()));
            for (Map.Entry<String, Double> g : guarantees.entrySet()) {
                Double limit = limits.get(g.getKey());
                if (limit != null && limit < g.getValue()) {
                    throw invalid("'QuotaConfig.guarantees' " + text(guarantees)
                            + " is not contained within the 'QuotaConfig.limits' " + text(limits));
                }
            }
            updates.put(role, new QuotaConfig(guarantees, limits));
        }
        if (!force) {
            checkConsumption(updates);
            checkCapacity(updates, "Invalid QuotaConfig: total quota guarantees '%s' exceed cluster capacity '%s'"
                    + " (use 'force' flag to bypass this check)", MasterError.Code.BAD_REQUEST);
        }
        return updates;
    }

    /** {@code POST /master/quota} and SET_QUOTA: the guarantee is also the limit. */
    QuotaConfig legacy(QuotaRequest request) {
        String role = request.role();
        Optional<String> badRole = RoleNames.validate(role);
        if (badRole.isPresent()) {
            throw legacyInvalid("QuotaInfo with invalid role: " + badRole.get());
        }
        if (request.guarantee().isEmpty()) {
            throw legacyInvalid("QuotaInfo with empty 'guarantee'");
        }
        Map<String, Double> guarantee = new LinkedHashMap<>();
        for (Resource r : request.guarantee()) {
            if ((r.reservations() != null && !r.reservations().isEmpty()) || r.reservation() != null
                    || !r.isUnreserved()) {
                throw legacyInvalid("QuotaInfo must not contain any ReservationInfo");
            }
            if (r.disk() != null) {
                throw legacyInvalid("QuotaInfo must not contain DiskInfo");
            }
            if (r.isRevocable()) {
                throw legacyInvalid("QuotaInfo must not contain RevocableInfo");
            }
            if (r.type() != ValueType.SCALAR || r.scalar() == null) {
                throw legacyInvalid("QuotaInfo must not include non-scalar resources");
            }
            if (guarantee.containsKey(r.name())) {
                throw legacyInvalid("QuotaInfo contains duplicate resource name '" + r.name() + "'");
            }
            if (!scalarNames.contains(r.name())) {
                throw legacyInvalid("QuotaInfo contains unknown resource '" + r.name() + "'");
            }
            if (r.scalar().value() < 0) {
                throw legacyInvalid("QuotaInfo with invalid resource: '" + r.name() + "' must not be negative");
            }
            guarantee.put(r.name(), r.scalar().value());
        }
        if (snapshot.quotas().containsKey(role)) {
            throw legacyInvalid("Cannot set quota for role '" + role + "' which already has quota");
        }
        if (role.contains("/")) {
            throw MasterError.badRequest("Setting quota on nested role '" + role + "' is not supported yet");
        }
        QuotaConfig config = new QuotaConfig(guarantee, guarantee);
        if (!request.isForced()) {
            checkCapacity(Map.of(role, config), "Quota guarantees overcommit the cluster (use 'force' to bypass"
                    + " this check): Total quota guarantees '%s' exceed cluster capacity '%s'",
                    MasterError.Code.CONFLICT);
        }
        return config;
    }

    private Map<String, Double> quantities(String field, String singular, Map<String, Double> given) {
        Map<String, Double> result = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : given.entrySet()) {
            String name = e.getKey();
            Double value = e.getValue();
            if (otherNames.contains(name) && !scalarNames.contains(name)) {
                throw invalid("Invalid 'QuotaConfig." + field + "': '" + name
                        + "' is not a scalar resource; quota applies to scalar resources only");
            }
            if (!scalarNames.contains(name)) {
                throw invalid("Invalid 'QuotaConfig." + field + "': unknown resource '" + name + "'");
            }
            if (value == null) {
                throw invalid("Invalid 'QuotaConfig." + field + "': '" + name + "' has no value");
            }
            double max = name.equals("mem") || name.equals("disk") ? MAX_MEGABYTES : MAX_OTHER;
            if (value > max) {
                throw invalid("Invalid 'QuotaConfig." + field + "': {'" + name + "': " + V0Writer.stringify(value)
                        + "} is invalid: values greater than " + (max == MAX_OTHER ? "1 trillion" : "1 exabyte")
                        + " (" + V0Writer.stringify(max) + ") are not supported");
            }
            String problem = value.isNaN() ? "NaN not supported" : value.isInfinite() ? "Infinite values not supported"
                    : value < 0 ? "Negative values not supported" : null;
            if (problem != null) {
                throw invalid("Invalid " + singular + " configuration {'" + name + "': "
                        + V0Writer.stringify(value) + "}: " + problem);
            }
            result.put(name, Scalar.round(value));
        }
        return result;
    }

    /** A new limit below what the role already holds would leave it over quota at once. */
    private void checkConsumption(Map<String, QuotaConfig> updates) {
        Map<String, Map<String, Double>> consumed = RoleSummary.all(snapshot).stream()
                .collect(Collectors.toMap(RoleSummary::name, RoleSummary::consumed));
        for (Map.Entry<String, QuotaConfig> e : updates.entrySet()) {
            Map<String, Double> consumes = consumed.getOrDefault(e.getKey(), Map.of());
            Map<String, Double> limits = e.getValue().limit();
            for (Map.Entry<String, Double> c : consumes.entrySet()) {
                Double limit = limits.get(c.getKey());
                if (limit != null && limit < Scalar.round(c.getValue())) {
                    throw invalid("Role '" + e.getKey() + "' is already consuming '" + text(consumes)
                            + "'; this is more than the requested limits '" + text(limits)
                            + "' (use 'force' flag to bypass this check)");
                }
            }
        }
    }

    /** The guarantees of all roles after the change must fit into the registered agents. */
    private void checkCapacity(Map<String, QuotaConfig> updates, String message, MasterError.Code code) {
        Map<String, QuotaConfig> after = new LinkedHashMap<>(snapshot.quotas());
        after.putAll(updates);
        Map<String, Double> total = new TreeMap<>();
        after.values().forEach(q -> q.guarantee().forEach((k, v) -> total.merge(k, v, Double::sum)));
        for (Map.Entry<String, Double> g : total.entrySet()) {
            if (Scalar.round(g.getValue()) > Scalar.round(capacity.getOrDefault(g.getKey(), 0.0))) {
                throw new MasterError(code, String.format(message, text(total), text(capacity)));
            }
        }
    }

    /** Quantities as Mesos prints them: {@code cpus:4; mem:1024}. */
    static String text(Map<String, Double> quantities) {
        return new TreeMap<>(quantities).entrySet().stream()
                .map(e -> e.getKey() + ":" + V0Writer.stringify(Scalar.round(e.getValue())))
                .collect(Collectors.joining("; "));
    }

    private static MasterError invalid(String message) {
        return MasterError.badRequest("Invalid QuotaConfig: " + message);
    }

    private static MasterError legacyInvalid(String message) {
        return MasterError.badRequest("Failed to validate set quota request: " + message);
    }
}
