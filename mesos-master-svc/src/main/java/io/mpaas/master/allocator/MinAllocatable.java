package io.mpaas.master.allocator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The smallest offer worth making, as Mesos's {@code --min_allocatable_resources} and
 * {@code FrameworkInfo.offer_filters[role].min_allocatable_resources}: a list of alternatives,
 * each a set of quantities that must all be met. An offer passes when any alternative is met.
 * Without it the allocator would keep offering crumbs (a few MB of memory, no cpu) that no task
 * can use, and every framework would spend a round trip declining them.
 *
 * <p>Quantities are per resource name with reservations folded together: the scalar value for
 * scalars, the number of values for ranges (ports) and of items for sets. An empty list of
 * alternatives accepts any non-empty offer; an empty alternative accepts everything.
 *
 * @param alternatives each map one alternative, resource name to minimum quantity
 */
public record MinAllocatable(List<Map<String, Double>> alternatives) {

    /** Mesos's default: {@code cpus:0.01|mem:32}. */
    public static final MinAllocatable DEFAULT = new MinAllocatable(List.of(Map.of("cpus", 0.01), Map.of("mem", 32.0)));

    /** No minimum: any non-empty offer is made. */
    public static final MinAllocatable NONE = new MinAllocatable(List.of());

    public MinAllocatable {
        List<Map<String, Double>> copy = new ArrayList<>();
        for (Map<String, Double> alternative : alternatives == null ? List.<Map<String, Double>>of() : alternatives) {
            for (Map.Entry<String, Double> e : alternative.entrySet()) {
                if (e.getValue() == null || e.getValue() < 0 || e.getValue().isNaN()) {
                    throw new IllegalArgumentException("invalid minimum quantity " + e.getKey() + ":" + e.getValue());
                }
            }
            copy.add(Map.copyOf(alternative));
        }
        alternatives = List.copyOf(copy);
    }

    /**
     * Parses the flag notation {@code cpus:0.01|mem:32}: alternatives separated by {@code |},
     * quantities inside one alternative by {@code ;}.
     *
     * @throws IllegalArgumentException naming the part that is wrong
     */
    public static MinAllocatable parse(String notation) {
        if (notation == null || notation.isBlank()) {
            return NONE;
        }
        List<Map<String, Double>> alternatives = new ArrayList<>();
        for (String alternative : notation.split("\\|")) {
            Map<String, Double> quantities = new LinkedHashMap<>();
            for (String entry : alternative.split(";")) {
                if (entry.isBlank()) {
                    continue;
                }
                int colon = entry.indexOf(':');
                if (colon <= 0) {
                    throw new IllegalArgumentException("invalid minimum '" + entry.trim() + "': expected name:quantity");
                }
                try {
                    quantities.put(entry.substring(0, colon).trim(), Double.parseDouble(entry.substring(colon + 1).trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("invalid minimum '" + entry.trim() + "': not a number");
                }
            }
            alternatives.add(quantities);
        }
        return new MinAllocatable(alternatives);
    }
}
