package io.mpaas.protocol.mesos.client;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter between subscription attempts: the n-th delay is drawn from
 * [b/2, b] with b = min(max, min·2ⁿ), so a fleet of schedulers that lost the same master does not
 * come back in lockstep. Reset after a successful subscription. Not thread-safe: one subscription
 * attempt at a time uses it.
 */
final class Backoff {

    /** Doublings after which any positive minimum has reached any cap (2⁶³ ns is the largest delay). */
    private static final int DOUBLINGS_TO_CAP = 64;

    private final long minNanos;
    private final long maxNanos;
    private final RandomGenerator random;
    private int attempts;

    Backoff(Duration min, Duration max, RandomGenerator random) {
        if (min.isZero() || min.isNegative() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("need 0 < min <= max");
        }
        this.minNanos = saturatedNanos(min);
        this.maxNanos = saturatedNanos(max);
        this.random = random;
    }

    /** The delay before the next attempt; each call doubles the range until it reaches the cap. */
    Duration next() {
        long ceiling = ceiling();
        if (attempts < DOUBLINGS_TO_CAP) {
            attempts++;
        }
        return jittered(ceiling);
    }

    /**
     * A delay at the top of the range, for failures that retrying soon cannot fix (401, 403): the
     * client keeps trying, slowly, in case an operator fixes the ACL. Following delays stay there.
     */
    Duration exhausted() {
        attempts = DOUBLINGS_TO_CAP;
        return jittered(maxNanos);
    }

    /** Back to the shortest delay, after a subscription succeeded. */
    /**
     * A short wait that does not grow the backoff: for a master that answered 503 because it is
     * still recovering (or knows no leader yet), which will answer within moments.
     */
    Duration brief() {
        return BRIEF_MIN.plusMillis(java.util.concurrent.ThreadLocalRandom.current().nextLong(BRIEF_SPREAD.toMillis() + 1));
    }

    /** Lower bound and random spread of {@link #brief()}. */
    static final Duration BRIEF_MIN = Duration.ofMillis(100);
    static final Duration BRIEF_SPREAD = Duration.ofMillis(200);

    void reset() {
        attempts = 0;
    }

    private long ceiling() {
        long nanos = minNanos;
        for (int i = 0; i < attempts && nanos < maxNanos; i++) {
            // Saturate rather than overflow; the cap applies below.
            nanos = nanos > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : nanos * 2;
        }
        return Math.min(nanos, maxNanos);
    }

    private Duration jittered(long ceiling) {
        long half = ceiling / 2;
        return Duration.ofNanos(half + random.nextLong(ceiling - half + 1));
    }

    /** Nanoseconds, or Long.MAX_VALUE (292 years) for a longer duration. */
    private static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
