package io.mpaas.marathon.health;

import io.mpaas.marathon.instance.Instance;
import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.HealthCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One health check that the leading marathon runs itself (HTTP, HTTPS or TCP), with Marathon's
 * defaults filled in. Apps are stored normalized, but this does not rely on it: a missing field
 * takes the same default Marathon documents, so a check behaves the same however it was stored.
 *
 * @param index        position among the app's marathon-run checks: the index into
 *                     {@link Instance#healthResults()}
 * @param definition   the check as the app defines it (what {@code failed_health_check_event} shows)
 * @param path         the HTTP path, {@code /} when none is given
 * @param portIndex    index into the instance's host ports, used when {@code port} is null
 * @param port         a fixed port, which wins over {@code portIndex}
 * @param gracePeriod  failures of a never-healthy instance younger than this do not count: a slow
 *                     starter (JVM warm-up, cache load) must not be killed before it could answer
 * @param interval     time between two checks of one instance
 * @param timeout      how long one check may take before it counts as failed
 * @param maxConsecutiveFailures counted failures in a row after which the instance is killed; 0 never
 * @param ignoreHttp1xx whether an informational (1xx) answer leaves the state unchanged
 */
public record MarathonHealthCheck(
        int index,
        HealthCheck definition,
        Protocol protocol,
        String path,
        int portIndex,
        Integer port,
        Duration gracePeriod,
        Duration interval,
        Duration timeout,
        int maxConsecutiveFailures,
        boolean ignoreHttp1xx) {

    /** The protocols marathon runs itself; the others (COMMAND, MESOS_*) run on the agent. */
    public enum Protocol {
        HTTP, HTTPS, TCP
    }

    public MarathonHealthCheck {
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(protocol, "protocol");
    }

    /** The app's marathon-run checks, in the app's order (agent-run checks are skipped). */
    public static List<MarathonHealthCheck> of(App app) {
        if (app.healthChecks() == null) {
            return List.of();
        }
        List<MarathonHealthCheck> result = new ArrayList<>();
        for (HealthCheck check : app.healthChecks()) {
            Optional<Protocol> protocol = marathonRun(check);
            if (protocol.isPresent()) {
                result.add(resolve(result.size(), check, protocol.get()));
            }
        }
        return List.copyOf(result);
    }

    /** The protocol if marathon runs this check; empty for COMMAND and MESOS_* checks. */
    public static Optional<Protocol> marathonRun(HealthCheck check) {
        String protocol = check.protocol() == null ? "HTTP" : check.protocol().toUpperCase(Locale.ROOT);
        return switch (protocol) {
            case "HTTP" -> Optional.of(Protocol.HTTP);
            case "HTTPS" -> Optional.of(Protocol.HTTPS);
            case "TCP" -> Optional.of(Protocol.TCP);
            default -> Optional.empty();
        };
    }

    private static MarathonHealthCheck resolve(int index, HealthCheck c, Protocol protocol) {
        String path = c.path() == null || c.path().isEmpty() ? "/" : c.path();
        return new MarathonHealthCheck(index, c, protocol, path,
                c.portIndex() == null ? 0 : c.portIndex(),
                c.port(),
                Duration.ofSeconds(orDefault(c.gracePeriodSeconds(), 300)),
                Duration.ofSeconds(Math.max(1, orDefault(c.intervalSeconds(), 60))),
                Duration.ofSeconds(Math.max(1, orDefault(c.timeoutSeconds(), 20))),
                Math.max(0, orDefault(c.maxConsecutiveFailures(), 3)),
                Boolean.TRUE.equals(c.ignoreHttp1xx()));
    }

    private static int orDefault(Integer value, int fallback) {
        return value == null ? fallback : value;
    }

    /** The port to probe on {@code instance}: the fixed port, else its host port at {@code portIndex}. */
    public OptionalInt portOf(Instance instance) {
        if (port != null && port > 0) {
            return OptionalInt.of(port);
        }
        List<Integer> ports = instance.hostPorts();
        return portIndex >= 0 && portIndex < ports.size() ? OptionalInt.of(ports.get(portIndex)) : OptionalInt.empty();
    }
}
