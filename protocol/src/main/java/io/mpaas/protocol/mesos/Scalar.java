package io.mpaas.protocol.mesos;

/**
 * A scalar value. Mesos keeps scalars as fixed point with three decimals, so a value is
 * rounded to the nearest thousandth on the way in: 1.5123 cpus become 1.512, and sums and
 * differences of offered resources never drift.
 */
public record Scalar(double value) {
    public Scalar {
        value = round(value);
    }

    public static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
