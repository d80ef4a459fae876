package io.mpaas.marathon.app;

import static io.mpaas.marathon.app.Violations.at;

import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.HealthCheck;
import io.mpaas.protocol.marathon.PortDefinition;
import io.mpaas.protocol.marathon.PortMapping;
import io.mpaas.protocol.marathon.ReadinessCheck;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Marathon's rules for health and readiness checks. Who runs a check matters: HTTP, HTTPS and TCP
 * are probed by the leading marathon, COMMAND and MESOS_* by the agent, and Mesos takes at most
 * one check per task, so the two kinds are not mixed and only one MESOS_* check is allowed.
 */
final class HealthCheckRules {

    static final List<String> PROTOCOLS = List.of("HTTP", "HTTPS", "TCP", "COMMAND", "MESOS_HTTP", "MESOS_HTTPS",
            "MESOS_TCP");
    static final String PORT_INDEX = "Health check port indices must address an element of the ports array or "
            + "container port mappings.";
    static final String ONE_MESOS_CHECK = "AppDefinition can contain at most one Mesos health check";
    static final String MIXED_CHECKS = "AppDefinition cannot mix Mesos health checks (COMMAND, MESOS_HTTP, "
            + "MESOS_HTTPS, MESOS_TCP) with Marathon health checks (HTTP, HTTPS, TCP)";
    static final String IPV6 = "IPv6 can only be used for container type DOCKER and Mesos http/https/tcp health checks";

    private static final Set<String> MARATHON_RUN = Set.of("HTTP", "HTTPS", "TCP");
    private static final Set<String> MESOS_PROBES = Set.of("MESOS_HTTP", "MESOS_HTTPS", "MESOS_TCP");
    private static final Set<String> HTTP_LIKE = Set.of("HTTP", "HTTPS", "MESOS_HTTP", "MESOS_HTTPS");

    private HealthCheckRules() {
    }

    /** Whether a check of this protocol probes a port (every protocol but COMMAND). */
    static boolean needsPort(String protocol) {
        return !"COMMAND".equals(protocol);
    }

    /** Whether a check of this protocol requests a path. */
    static boolean isHttp(String protocol) {
        return HTTP_LIKE.contains(protocol);
    }

    static void checkHealthChecks(App app, Violations v) {
        List<HealthCheck> checks = app.healthChecks() == null ? List.of() : app.healthChecks();
        int ports = portCount(app);
        boolean docker = app.container() != null && "DOCKER".equals(app.container().type());
        for (int i = 0; i < checks.size(); i++) {
            HealthCheck hc = checks.get(i);
            String path = at("/healthChecks", i);
            String protocol = protocol(hc);
            v.oneOf(path + "/protocol", protocol, PROTOCOLS);
            if ("COMMAND".equals(protocol) && (hc.command() == null || hc.command().value() == null
                    || hc.command().value().isEmpty())) {
                v.add(path + "/command", Violations.NOT_EMPTY);
            }
            if (needsPort(protocol) && hc.port() == null) {
                int index = hc.portIndex() == null ? 0 : hc.portIndex();
                if (index < 0 || index >= ports) {
                    v.add(path + "/portIndex", PORT_INDEX);
                }
            }
            v.between(path + "/port", hc.port(), 0, 65535);
            v.atLeast(path + "/gracePeriodSeconds", hc.gracePeriodSeconds(), 0);
            v.atLeast(path + "/intervalSeconds", hc.intervalSeconds(), 1);
            v.atLeast(path + "/timeoutSeconds", hc.timeoutSeconds(), 1);
            v.atLeast(path + "/maxConsecutiveFailures", hc.maxConsecutiveFailures(), 0);
            v.atLeast(path + "/delaySeconds", hc.delaySeconds(), 0);
            v.oneOf(path + "/ipProtocol", hc.ipProtocol(), List.of("IPv4", "IPv6"));
            if ("IPv6".equals(hc.ipProtocol()) && !(docker && MESOS_PROBES.contains(protocol))) {
                v.add(path + "/ipProtocol", IPV6);
            }
        }
        if (checks.stream().filter(hc -> MESOS_PROBES.contains(protocol(hc))).count() > 1) {
            v.add("/", ONE_MESOS_CHECK);
        }
        boolean anyMarathon = checks.stream().anyMatch(hc -> MARATHON_RUN.contains(protocol(hc)));
        boolean anyMesos = checks.stream().anyMatch(hc -> "COMMAND".equals(protocol(hc))
                || MESOS_PROBES.contains(protocol(hc)));
        if (anyMarathon && anyMesos) {
            v.add("/", MIXED_CHECKS);
        }
    }

    /** The check's protocol, defaulted as normalization does, so that a raw check is judged the same way. */
    static String protocol(HealthCheck hc) {
        return hc.protocol() != null ? hc.protocol() : hc.command() != null ? "COMMAND" : "HTTP";
    }

    static void checkReadinessChecks(App app, Violations v) {
        List<ReadinessCheck> checks = app.readinessChecks() == null ? List.of() : app.readinessChecks();
        if (checks.size() > 1) {
            v.add("/readinessChecks", "got " + checks.size() + ", expected 1 or less");
        }
        List<String> portNames = portNames(app);
        for (int i = 0; i < checks.size(); i++) {
            ReadinessCheck rc = checks.get(i);
            String path = at("/readinessChecks", i);
            v.notEmpty(path + "/name", rc.name());
            v.oneOf(path + "/protocol", rc.protocol(), List.of("HTTP", "HTTPS"));
            if (rc.portName() == null || !portNames.contains(rc.portName())) {
                v.add(path + "/portName", "No port definition reference for portName " + rc.portName());
            }
            v.atLeast(path + "/intervalSeconds", rc.intervalSeconds(), 1);
            v.atLeast(path + "/timeoutSeconds", rc.timeoutSeconds(), 1);
            if (rc.timeoutSeconds() != null && rc.intervalSeconds() != null
                    && rc.timeoutSeconds() >= rc.intervalSeconds()) {
                v.add(path + "/timeoutSeconds", "got " + rc.timeoutSeconds() + ", expected less than "
                        + rc.intervalSeconds());
            }
        }
    }

    /** The ports a check's index may address: the container's port mappings if any, else the port definitions. */
    private static int portCount(App app) {
        List<PortMapping> mappings = app.container() == null ? null : app.container().portMappings();
        if (mappings != null && !mappings.isEmpty()) {
            return mappings.size();
        }
        return app.portDefinitions() == null ? 0 : app.portDefinitions().size();
    }

    private static List<String> portNames(App app) {
        List<PortMapping> mappings = app.container() == null ? null : app.container().portMappings();
        Stream<String> names = mappings != null ? mappings.stream().map(PortMapping::name)
                : app.portDefinitions() == null ? Stream.empty()
                : app.portDefinitions().stream().map(PortDefinition::name);
        return names.filter(Objects::nonNull).toList();
    }
}
