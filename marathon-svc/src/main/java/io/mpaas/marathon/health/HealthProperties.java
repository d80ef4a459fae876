package io.mpaas.marathon.health;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How the leader runs marathon-run health and readiness checks ({@code marathon.health.*}).
 *
 * @param maxConcurrent probes in flight at once over all apps (Marathon's
 *     {@code --max_concurrent_marathon_health_checks}, 256). Bounds the sockets and file descriptors
 *     the leader holds, so 10,000 instances checked every 10 s cost 256 connections at a time, not
 *     10,000; probes beyond it wait their turn (their timeout starts when they get a slot).
 * @param tickResolution how often the loop looks for due checks; a check runs at most this late
 * @param firstCheckDelay the first check of a newly seen check definition runs after
 *     {@code min(intervalSeconds, firstCheckDelay)} (Marathon: 5 s), so a new app gets a verdict
 *     quickly without every check of a freshly elected leader firing in the same instant
 * @param readinessBodyLimit how much of a readiness response body is kept for
 *     {@code lastResponse}; the rest is read no further
 */
@ConfigurationProperties("marathon.health")
public record HealthProperties(
        @DefaultValue("256") int maxConcurrent,
        @DefaultValue("1s") Duration tickResolution,
        @DefaultValue("5s") Duration firstCheckDelay,
        @DefaultValue("64KB") DataSize readinessBodyLimit) {

    public HealthProperties {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("marathon.health.max-concurrent must be at least 1");
        }
        if (tickResolution.isNegative() || tickResolution.isZero()) {
            throw new IllegalArgumentException("marathon.health.tick-resolution must be positive");
        }
    }

    /** The defaults, for tests and for code that runs without Spring. */
    public static HealthProperties defaults() {
        return new HealthProperties(256, Duration.ofSeconds(1), Duration.ofSeconds(5), DataSize.ofKilobytes(64));
    }
}
