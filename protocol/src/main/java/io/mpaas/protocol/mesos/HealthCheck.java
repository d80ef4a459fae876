package io.mpaas.protocol.mesos;

import java.util.List;

/**
 * A task health check run next to the task. Mesos's defaults: delay 15 s, interval 10 s,
 * timeout 20 s, 3 consecutive failures, grace period 10 s; HTTP 200-399 counts as healthy.
 */
public record HealthCheck(
        Type type,
        CommandInfo command,
        Http http,
        Tcp tcp,
        Double delaySeconds,
        Double intervalSeconds,
        Double timeoutSeconds,
        Integer consecutiveFailures,
        Double gracePeriodSeconds) {

    public enum Type {
        UNKNOWN,
        COMMAND,
        HTTP,
        TCP
    }

    public record Http(String scheme, Long port, String path, List<Long> statuses, String protocol) {
        public Http {
            statuses = statuses == null ? List.of() : List.copyOf(statuses);
        }
    }

    public record Tcp(Long port, String protocol) {
    }
}
