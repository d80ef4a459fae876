package io.mpaas.gateway.routing;

import java.util.Map;
import java.util.Optional;

/**
 * Turns an agent's host name, as marathon reports it, into the address HAProxy connects to. Behind an
 * interface so that routing stays a pure function of its inputs in tests, while production caches DNS
 * ({@link DnsHostResolver}).
 */
@FunctionalInterface
public interface HostResolver {

    /**
     * The host's IP address as a literal ({@code 10.0.0.5}, {@code fd00::5}), or empty when it cannot be
     * resolved (the tasks on that host are then left out and reported). Must not throw.
     */
    Optional<String> resolve(String host);

    /** A resolver answering from a fixed table: for tests, and for clusters whose agents are named by IP. */
    static HostResolver fixed(Map<String, String> addresses) {
        Map<String, String> copy = Map.copyOf(addresses);
        return host -> Optional.ofNullable(host == null ? null : copy.get(host));
    }
}
