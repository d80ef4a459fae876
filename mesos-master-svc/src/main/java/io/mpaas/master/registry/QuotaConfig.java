package io.mpaas.master.registry;

import java.util.Map;

/**
 * A role's quota in scalar quantities ({@code cpus}, {@code mem}, ...): the guarantee is served
 * before fair sharing; the limit is never exceeded.
 */
public record QuotaConfig(Map<String, Double> guarantee, Map<String, Double> limit) {
    public QuotaConfig {
        guarantee = guarantee == null ? Map.of() : Map.copyOf(guarantee);
        limit = limit == null ? Map.of() : Map.copyOf(limit);
    }

    public static final QuotaConfig NONE = new QuotaConfig(Map.of(), Map.of());

    public boolean isEmpty() {
        return guarantee.isEmpty() && limit.isEmpty();
    }
}
