package io.mpaas.protocol.mesos.client;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter between subscription attempts: the n-th delay is drawn from
 * [b/2, b] with b = min(max, min·2ⁿ), so a fleet of schedulers that lost the same master does not
 * come back in lockstep. Reset after a successful subscription. Not thread-safe: the subscription
 * thread owns it.
 */
final class Backoff {

    private final Duration min;
    private final Duration max;
    private final RandomGenerator random;
    private int attempts;

    Backoff(Duration min, Duration max, RandomGenerator random) {
        if (min.isZero() || min.isNegative() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("need 0 < min <= max");
        }
        this.min = min;
        this.max = max;
        this.random = random;
    }

    /** The delay before the next attempt; each call doubles the range until it reaches the cap. */
    Duration next() {
        Duration ceiling = ceiling(attempts);
        if (ceiling.compareTo(max) < 0) {
            attempts++;
        }
        return jittered(ceiling);
    }

    /**
     * A delay at the top of the range, for failures that retrying soon cannot fix (401, 403): the
     * client keeps trying, slowly, in case an operator fixes the ACL. Following delays stay there.
     */
    Duration exhausted() {
        while (ceiling(attempts).compareTo(max) < 0) {
            attempts++;
        }
        return jittered(max);
    }

    /** Back to the shortest delay, after a subscription succeeded. */
    void reset() {
        attempts = 0;
    }

    private Duration ceiling(int n) {
        // Doubling stops at the cap; 62 doublings would overflow long nanos long before that.
        long nanos = min.toNanos();
        for (int i = 0; i < n && nanos < max.toNanos(); i++) {
            nanos = nanos > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : nanos * 2;
        }
        return Duration.ofNanos(Math.min(nanos, max.toNanos()));
    }

    private Duration jittered(Duration ceiling) {
        long half = ceiling.toNanos() / 2;
        return Duration.ofNanos(half + random.nextLong(half + 1));
    }
}
