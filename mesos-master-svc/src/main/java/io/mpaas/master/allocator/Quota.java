package io.mpaas.master.allocator;

import java.util.Map;

/**
 * A role's quota, Mesos 1.9+ style, scalar resources only. The guarantee is what the allocator
 * serves first and holds unreserved headroom back for, so a production role gets its share
 * even when batch frameworks would take everything; the limit is a ceiling the role's
 * consumption (its reservations plus unreserved allocations, including sub-roles) never passes.
 * A name absent from {@code limit} is unlimited.
 *
 * @param guarantee resource name to guaranteed quantity
 * @param limit     resource name to maximum quantity
 */
public record Quota(Map<String, Double> guarantee, Map<String, Double> limit) {

    /** No guarantee, no limit: setting it removes a role's quota. */
    public static final Quota NONE = new Quota(Map.of(), Map.of());

    public Quota {
        guarantee = guarantee == null ? Map.of() : Map.copyOf(guarantee);
        limit = limit == null ? Map.of() : Map.copyOf(limit);
        guarantee.forEach(Quota::requireQuantity);
        limit.forEach(Quota::requireQuantity);
        for (Map.Entry<String, Double> g : guarantee.entrySet()) {
            Double l = limit.get(g.getKey());
            if (l != null && l < g.getValue()) {
                throw new IllegalArgumentException("quota guarantee of " + g.getKey() + " (" + g.getValue()
                        + ") exceeds its limit (" + l + ")");
            }
        }
    }

    private static void requireQuantity(String name, Double value) {
        if (value == null || value.isNaN() || value < 0) {
            throw new IllegalArgumentException("invalid quota quantity " + name + ":" + value);
        }
    }

    public static Quota guarantee(Map<String, Double> guarantee) {
        return new Quota(guarantee, Map.of());
    }

    public static Quota limit(Map<String, Double> limit) {
        return new Quota(Map.of(), limit);
    }

    public boolean isNone() {
        return guarantee.isEmpty() && limit.isEmpty();
    }
}
