package io.mpaas.gateway.routing;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves agents' host names through the system resolver and remembers the answers: a sync looks up every
 * task's host, and thousands of tasks sit on a few hundred agents whose addresses rarely change.
 *
 * <p>A host that resolved once keeps its last address while later lookups fail: a DNS outage must not
 * empty backends whose servers still answer. A host that never resolved is retried after
 * {@link RoutingSettings#hostRetryInterval()}, so a slow, failing DNS server costs one timeout per interval,
 * not one per sync.
 */
public final class DnsHostResolver implements HostResolver {

    /** One DNS lookup; the system resolver in production, a table in tests. */
    @FunctionalInterface
    public interface Lookup {
        InetAddress lookup(String host) throws UnknownHostException;
    }

    /** What is known of one host: its address (null if it never resolved) and when to ask again. */
    private record Entry(String address, Instant refreshAt) {
    }

    private final Clock clock;
    private final Duration ttl;
    private final Duration retryInterval;
    private final Lookup lookup;
    private final ConcurrentHashMap<String, Entry> cache = new ConcurrentHashMap<>();

    public DnsHostResolver(Clock clock, Duration ttl, Duration retryInterval, Lookup lookup) {
        this.clock = clock;
        this.ttl = ttl;
        this.retryInterval = retryInterval;
        this.lookup = lookup;
    }

    /** The resolver production uses: {@link InetAddress#getByName}, cached as the settings say. */
    public static DnsHostResolver system(Clock clock, RoutingSettings settings) {
        return new DnsHostResolver(clock, settings.hostCacheTtl(), settings.hostRetryInterval(),
                InetAddress::getByName);
    }

    @Override
    public Optional<String> resolve(String host) {
        if (host == null || host.isBlank()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Entry known = cache.get(host);
        if (known != null && now.isBefore(known.refreshAt())) {
            return Optional.ofNullable(known.address());
        }
        Entry fresh;
        try {
            fresh = new Entry(lookup.lookup(host).getHostAddress(), now.plus(ttl));
        } catch (UnknownHostException | RuntimeException e) {
            // Keep the last good address (if any) and ask again after the retry interval.
            fresh = new Entry(known == null ? null : known.address(), now.plus(retryInterval));
        }
        cache.put(host, fresh);
        return Optional.ofNullable(fresh.address());
    }
}
