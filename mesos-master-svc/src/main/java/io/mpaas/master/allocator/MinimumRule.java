package io.mpaas.master.allocator;

import java.util.Map;

/**
 * A {@link MinAllocatable} compiled against the allocator's name table: arrays of name indexes
 * and minimums, because it is checked for every offer the cycle considers.
 */
final class MinimumRule {

    private final int[][] names;
    private final double[][] minimums;

    private MinimumRule(int[][] names, double[][] minimums) {
        this.names = names;
        this.minimums = minimums;
    }

    static MinimumRule compile(MinAllocatable minimum, ResourceShapes shapes) {
        int n = minimum.alternatives().size();
        int[][] names = new int[n][];
        double[][] minimums = new double[n][];
        for (int a = 0; a < n; a++) {
            Map<String, Double> alternative = minimum.alternatives().get(a);
            names[a] = new int[alternative.size()];
            minimums[a] = new double[alternative.size()];
            int i = 0;
            for (Map.Entry<String, Double> e : alternative.entrySet()) {
                names[a][i] = shapes.nameIndex(e.getKey());
                minimums[a][i] = e.getValue();
                i++;
            }
        }
        return new MinimumRule(names, minimums);
    }

    /** Whether an offer of {@code resources} is worth making: some alternative fully met (any, when there are none). */
    boolean isMetBy(CompactResources resources) {
        if (resources.isEmpty()) {
            return false;
        }
        if (names.length == 0) {
            return true;
        }
        for (int a = 0; a < names.length; a++) {
            boolean met = true;
            for (int i = 0; i < names[a].length && met; i++) {
                met = resources.quantity(names[a][i]) + 1e-9 >= minimums[a][i];
            }
            if (met) {
                return true;
            }
        }
        return false;
    }
}
