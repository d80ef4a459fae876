package io.mpaas.gateway.routing;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which apps this gateway routes and which ports stay its own ({@code gateway.routing.*}).
 *
 * @param group             the marathon-lb group served: an app port is routed when its {@code HAPROXY_GROUP}
 *                          (or {@code HAPROXY_{n}_GROUP}) list names it; {@code *} serves every app. Default
 *                          {@code external}, the group of apps without a group label, as in marathon-lb, so that
 *                          an internal gateway ({@code group=internal}) does not publish apps nobody marked.
 * @param reservedPorts     ports no app may bind, because the gateway binds them itself: 80 and 443 (virtual
 *                          hosts), 9090 (HAProxy's stats) and 8090 (this process). Replaces the default when set.
 * @param hostCacheTtl      how long an agent's resolved address is reused (default 60 s): agents rarely change
 *                          address, while a lookup per task per sync would put the DNS server on the hot path
 * @param hostRetryInterval how long a failed lookup is remembered before it is tried again (default 10 s). A host
 *                          that resolved before keeps its last address meanwhile: a DNS outage must not empty
 *                          backends whose servers still answer.
 */
@ConfigurationProperties("gateway.routing")
public record RoutingSettings(String group, Set<Integer> reservedPorts, Duration hostCacheTtl,
        Duration hostRetryInterval) {

    /** The group of an app port that has no group label. */
    public static final String DEFAULT_GROUP = "external";

    /** The group setting that serves every app. */
    public static final String ALL_GROUPS = "*";

    public RoutingSettings {
        group = group == null || group.isBlank() ? DEFAULT_GROUP : group.strip();
        if (group.contains(",")) {
            throw new IllegalArgumentException("gateway.routing.group is one group, not a list: " + group);
        }
        reservedPorts = reservedPorts == null ? Set.of(80, 443, 9090, 8090) : reservedPorts;
        for (Integer port : reservedPorts) {
            if (port == null || port < 1 || port > 65535) {
                throw new IllegalArgumentException("gateway.routing.reserved-ports: " + port + " is not 1-65535");
            }
        }
        reservedPorts = Collections.unmodifiableSet(new TreeSet<>(reservedPorts));
        hostCacheTtl = positiveOr(hostCacheTtl, Duration.ofSeconds(60), "host-cache-ttl");
        hostRetryInterval = positiveOr(hostRetryInterval, Duration.ofSeconds(10), "host-retry-interval");
    }

    /** The defaults: group {@code external}, ports 80, 443, 9090 and 8090 reserved. */
    public static RoutingSettings defaults() {
        return new RoutingSettings(null, null, null, null);
    }

    /** Whether an app port in these groups is routed by this gateway. */
    public boolean serves(List<String> portGroups) {
        return ALL_GROUPS.equals(group) || portGroups.contains(group);
    }

    private static Duration positiveOr(Duration value, Duration fallback, String name) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("gateway.routing." + name + " must be positive: " + value);
        }
        return value;
    }
}
