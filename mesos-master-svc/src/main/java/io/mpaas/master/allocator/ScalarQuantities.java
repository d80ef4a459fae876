package io.mpaas.master.allocator;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Scalar amounts per resource name, reservations folded together, indexed by
 * {@link ResourceShapes#nameIndex}: what DRF shares, quota consumption and cluster totals are
 * computed on. An array because these are updated on every allocation and read on every
 * share computation. Grows when a new resource name appears.
 */
final class ScalarQuantities {

    private double[] values;

    ScalarQuantities() {
        this.values = new double[4];
    }

    double get(int nameIndex) {
        return nameIndex < values.length ? values[nameIndex] : 0;
    }

    void add(int nameIndex, double amount) {
        if (nameIndex >= values.length) {
            values = Arrays.copyOf(values, Math.max(nameIndex + 1, values.length * 2));
        }
        double v = values[nameIndex] + amount;
        // Sums of rounded amounts drift in the last bits; keep Mesos's three decimals and no negative dust.
        values[nameIndex] = Math.abs(v) < 1e-9 ? 0 : v;
    }

    /** Adds {@code sign} times every scalar of {@code resources}; {@code onlyUnreserved} skips reservations. */
    void add(CompactResources resources, int sign, boolean onlyUnreserved) {
        for (int i = 0; i < resources.size(); i++) {
            ResourceShapes.Shape shape = resources.shapeAt(i);
            if (shape.isScalar() && (!onlyUnreserved || shape.isUnreserved())) {
                add(shape.nameIndex(), sign * resources.scalarAt(i));
            }
        }
    }

    void add(ScalarQuantities other, int sign) {
        for (int i = 0; i < other.values.length; i++) {
            if (other.values[i] != 0) {
                add(i, sign * other.values[i]);
            }
        }
    }

    boolean isZero() {
        for (double v : values) {
            if (v > 1e-9) {
                return false;
            }
        }
        return true;
    }

    /**
     * Dominant share against {@code total}: the largest fraction of any resource kind the cluster
     * has. Kinds the cluster has none of are ignored.
     */
    double dominantShare(ScalarQuantities total) {
        double share = 0;
        int n = Math.min(values.length, total.values.length);
        for (int i = 0; i < n; i++) {
            double t = total.values[i];
            if (t > 0 && values[i] > 0) {
                share = Math.max(share, values[i] / t);
            }
        }
        return share;
    }

    /** By resource name, rounded to Mesos's three decimals, zeros left out. */
    Map<String, Double> toMap(ResourceShapes shapes) {
        Map<String, Double> map = new LinkedHashMap<>();
        for (int i = 0; i < values.length && i < shapes.nameCount(); i++) {
            double v = Math.round(values[i] * 1000.0) / 1000.0;
            if (v != 0) {
                map.put(shapes.name(i), v);
            }
        }
        return map;
    }

    @Override
    public String toString() {
        return Arrays.toString(values);
    }
}
