package io.mpaas.protocol.mesos.master;

import io.mpaas.protocol.mesos.Scalar;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Mesos's {@code quota.QuotaConfig}: a role's guaranteed and maximum scalar quantities, as
 * UPDATE_QUOTA sends them and GET_QUOTA returns them ({@code {"role":"web","guarantees":{"cpus":
 * {"value":4}},"limits":{"cpus":{"value":8}}}}). A config without guarantees and limits removes
 * the role's quota.
 */
public record QuotaConfig(String role, Map<String, Scalar> guarantees, Map<String, Scalar> limits) {

    public QuotaConfig {
        guarantees = guarantees == null ? Map.of() : unmodifiable(guarantees);
        limits = limits == null ? Map.of() : unmodifiable(limits);
    }

    /** Builds a config from plain quantities ({@code cpus -> 4.0}). */
    public static QuotaConfig of(String role, Map<String, Double> guarantees, Map<String, Double> limits) {
        return new QuotaConfig(role, scalars(guarantees), scalars(limits));
    }

    /** Plain quantities of a map of scalars; a null scalar (sent as {@code {}} or null) reads as absent. */
    public static Map<String, Double> quantities(Map<String, Scalar> scalars) {
        Map<String, Double> result = new LinkedHashMap<>();
        scalars.forEach((name, scalar) -> result.put(name, scalar == null ? null : scalar.value()));
        return result;
    }

    private static Map<String, Scalar> scalars(Map<String, Double> quantities) {
        Map<String, Scalar> result = new LinkedHashMap<>();
        if (quantities != null) {
            quantities.forEach((name, value) -> result.put(name, new Scalar(value)));
        }
        return result;
    }

    /** Keeps the order the client gave (maps read from JSON are ordered) but allows null values. */
    private static <V> Map<String, V> unmodifiable(Map<String, V> map) {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
