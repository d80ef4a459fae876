package io.mpaas.marathon.launch;

import io.mpaas.protocol.marathon.App;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The launch backoff of one app configuration (Marathon's RateLimiter, which is keyed by the last
 * configuration change too): after a failure no instance of that configuration launches before
 * {@code until}. Each further failure multiplies the delay by {@code backoffFactor}, up to
 * {@code maxLaunchDelaySeconds}.
 *
 * <p>The delay is forgotten only when the configuration has gone a whole {@code delay +
 * maxLaunchDelaySeconds} without a failure, i.e. its instances stayed up for a while; a single
 * TASK_RUNNING resets nothing, so a crash loop keeps backing off (Marathon issue #1111).
 *
 * @param lastFailure when the last failure raised it
 */
public record LaunchDelay(Duration delay, Instant until, Instant lastFailure) {

    public LaunchDelay {
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(lastFailure, "lastFailure");
    }

    /**
     * The delay after one more failure of {@code app} at {@code at}; {@code previous} may be null. Instants
     * are kept to the millisecond, as they are stored, so that a new leader computes the same waits.
     */
    public static LaunchDelay raise(LaunchDelay previous, App app, Instant at) {
        Instant now = at.truncatedTo(ChronoUnit.MILLIS);
        Duration max = Duration.ofSeconds(app.maxLaunchDelaySeconds() == null ? 300 : app.maxLaunchDelaySeconds());
        Duration next;
        if (previous == null || previous.expired(app, now)) {
            next = Duration.ofSeconds(app.backoffSeconds() == null ? 1 : app.backoffSeconds());
        } else {
            double factor = app.backoffFactor() == null ? 1.15 : app.backoffFactor();
            next = Duration.ofMillis(Math.round(previous.delay.toMillis() * factor));
        }
        if (next.compareTo(max) > 0) {
            next = max;
        }
        return new LaunchDelay(next, now.plus(next), now);
    }

    /** Whether the configuration went long enough without a failure for the delay to be forgotten. */
    public boolean expired(App app, Instant now) {
        Duration max = Duration.ofSeconds(app.maxLaunchDelaySeconds() == null ? 300 : app.maxLaunchDelaySeconds());
        return !now.isBefore(lastFailure.plus(delay).plus(max));
    }

    /** Whether launches must still wait at {@code now}. */
    public boolean blocks(Instant now) {
        return now.isBefore(until);
    }
}
