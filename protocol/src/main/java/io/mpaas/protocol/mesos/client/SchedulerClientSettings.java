package io.mpaas.protocol.mesos.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link SchedulerClient} connects, waits and retries.
 *
 * @param credential       HTTP Basic credential sent with every request, or {@code null} for none
 * @param missedHeartbeats how many heartbeat intervals may pass without any event before the
 *                         subscription is taken for dead and reopened; Mesos's guidance is 5, which
 *                         rides out a long GC pause or a slow proxy without waiting for TCP to notice
 * @param minBackoff       first delay before a new subscription attempt; short, because the usual
 *                         cause (a master failover) is over in well under a second
 * @param maxBackoff       the cap of the exponential backoff, and the delay after a rejection (401,
 *                         403, other 4xx) that retrying soon cannot fix; about 15 s as Mesos suggests,
 *                         so a recovered master is found quickly without hammering a broken one
 * @param connectTimeout   how long a TCP connect may take; bounded so a dead master host does not
 *                         hold up failover to the next one for the operating system's minutes
 * @param requestTimeout   how long a call may wait for its response, and a SUBSCRIBE for its headers
 *                         and then its first event; a master that accepts connections but hangs
 *                         (partitioned, overloaded) must not stall the client
 * @param maxRedirects     how many 307 hops one subscription attempt follows; masters that disagree
 *                         on the leader must not send the client round in circles
 */
public record SchedulerClientSettings(
        Credential credential,
        int missedHeartbeats,
        Duration minBackoff,
        Duration maxBackoff,
        Duration connectTimeout,
        Duration requestTimeout,
        int maxRedirects) {

    public SchedulerClientSettings {
        Objects.requireNonNull(minBackoff, "minBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (missedHeartbeats < 1) {
            throw new IllegalArgumentException("missedHeartbeats must be at least 1");
        }
        if (minBackoff.isNegative() || minBackoff.isZero() || maxBackoff.compareTo(minBackoff) < 0) {
            throw new IllegalArgumentException("need 0 < minBackoff <= maxBackoff");
        }
        if (maxRedirects < 0) {
            throw new IllegalArgumentException("maxRedirects must not be negative");
        }
    }

    /** No credential, 5 missed heartbeats, backoff 250 ms to 15 s, connect 5 s, requests 10 s, 5 redirects. */
    public static SchedulerClientSettings defaults() {
        return new SchedulerClientSettings(null, 5, Duration.ofMillis(250), Duration.ofSeconds(15),
                Duration.ofSeconds(5), Duration.ofSeconds(10), 5);
    }

    public SchedulerClientSettings withCredential(Credential newCredential) {
        return new SchedulerClientSettings(newCredential, missedHeartbeats, minBackoff, maxBackoff, connectTimeout,
                requestTimeout, maxRedirects);
    }

    public SchedulerClientSettings withMissedHeartbeats(int newMissedHeartbeats) {
        return new SchedulerClientSettings(credential, newMissedHeartbeats, minBackoff, maxBackoff, connectTimeout,
                requestTimeout, maxRedirects);
    }

    public SchedulerClientSettings withBackoff(Duration newMin, Duration newMax) {
        return new SchedulerClientSettings(credential, missedHeartbeats, newMin, newMax, connectTimeout,
                requestTimeout, maxRedirects);
    }

    public SchedulerClientSettings withTimeouts(Duration newConnectTimeout, Duration newRequestTimeout) {
        return new SchedulerClientSettings(credential, missedHeartbeats, minBackoff, maxBackoff, newConnectTimeout,
                newRequestTimeout, maxRedirects);
    }
}
