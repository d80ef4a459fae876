package io.mpaas.agent.fetcher;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * How the agent fetches task URIs ({@code mesos.agent.fetcher.*}).
 *
 * @param cacheSize the bound of the agent-wide cache of {@code cache: true} URIs under
 *     {@code <work-dir>/fetch/cache}; Mesos's {@code --fetcher_cache_size}, 2 GB. A URI larger
 *     than the space that eviction can free is fetched straight into the sandbox instead
 * @param stallTimeout how long a download may go without receiving a byte (and how long a
 *     connection may take) before it fails; Mesos's {@code --fetcher_stall_timeout}, 1 minute:
 *     long enough for a slow server, short enough that a dead one does not hold a launch
 * @param timeout the bound on fetching all URIs of one task. Mesos has no such bound of its own
 *     (its executor registration timeout catches a fetch that never ends); 10 minutes lets a
 *     large artifact arrive over a modest link and still ends a trickling download
 */
@ConfigurationProperties("mesos.agent.fetcher")
public record FetcherProperties(DataSize cacheSize, Duration stallTimeout, Duration timeout) {

    public FetcherProperties {
        cacheSize = cacheSize == null ? DataSize.ofGigabytes(2) : cacheSize;
        if (cacheSize.isNegative()) {
            throw new IllegalArgumentException("mesos.agent.fetcher.cache-size must not be negative");
        }
        stallTimeout = positiveOr(stallTimeout, Duration.ofMinutes(1), "stall-timeout");
        timeout = positiveOr(timeout, Duration.ofMinutes(10), "timeout");
    }

    /** The defaults, for tests and tools. */
    public static FetcherProperties defaults() {
        return new FetcherProperties(null, null, null);
    }

    private static Duration positiveOr(Duration value, Duration fallback, String name) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("mesos.agent.fetcher." + name + " must be positive, not " + value);
        }
        return value;
    }
}
