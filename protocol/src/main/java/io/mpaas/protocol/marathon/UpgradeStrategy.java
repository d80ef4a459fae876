package io.mpaas.protocol.marathon;

/**
 * How a rolling restart may go: at least {@code minimumHealthCapacity} of the instances stay
 * healthy, at most {@code maximumOverCapacity} extra run at once (both fractions of {@code instances}).
 */
public record UpgradeStrategy(Double minimumHealthCapacity, Double maximumOverCapacity) {

    public static final UpgradeStrategy DEFAULT = new UpgradeStrategy(1.0, 1.0);
}
