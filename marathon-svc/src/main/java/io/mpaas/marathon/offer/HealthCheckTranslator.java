package io.mpaas.marathon.offer;

import io.mpaas.marathon.offer.PortLayout.AppPort;
import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.HealthCheck;
import io.mpaas.protocol.mesos.CommandInfo;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Turns an app's agent-run health check (MESOS_HTTP, MESOS_HTTPS, MESOS_TCP, COMMAND) into the
 * Mesos {@code health_check} of its task. Marathon-run checks (HTTP, HTTPS, TCP) stay out of
 * the TaskInfo: the leader runs those itself.
 *
 * <p>The port is the one the agent's checker can reach: it probes a bridged Docker container
 * at the container's own address, so there the container port; with host networking (and for
 * plain processes) loopback, so there the host port. An explicit {@code port} is used as given.
 */
final class HealthCheckTranslator {

    private static final Set<String> AGENT_RUN = Set.of("MESOS_HTTP", "MESOS_HTTPS", "MESOS_TCP", "COMMAND");

    /** Marathon's defaults, used if the app was stored without them. */
    private static final int DEFAULT_GRACE_PERIOD = 300;
    private static final int DEFAULT_INTERVAL = 60;
    private static final int DEFAULT_TIMEOUT = 20;
    private static final int DEFAULT_MAX_FAILURES = 3;
    private static final int DEFAULT_DELAY = 15;

    private HealthCheckTranslator() {
    }

    static boolean isAgentRun(HealthCheck check) {
        return check != null && check.protocol() != null
                && AGENT_RUN.contains(check.protocol().toUpperCase(Locale.ROOT));
    }

    /**
     * The Mesos check for the app's first agent-run check (Marathon allows one), or empty.
     *
     * @param hostPorts the chosen host port of each port of {@code layout}, null where none
     */
    static Optional<io.mpaas.protocol.mesos.HealthCheck> translate(App app, PortLayout layout,
            List<Integer> hostPorts) {
        if (app.healthChecks() == null) {
            return Optional.empty();
        }
        return app.healthChecks().stream().filter(HealthCheckTranslator::isAgentRun).findFirst()
                .map(check -> translate(check, layout, hostPorts));
    }

    private static io.mpaas.protocol.mesos.HealthCheck translate(HealthCheck check, PortLayout layout,
            List<Integer> hostPorts) {
        String protocol = check.protocol().toUpperCase(Locale.ROOT);
        io.mpaas.protocol.mesos.HealthCheck.Type type;
        io.mpaas.protocol.mesos.HealthCheck.Http http = null;
        io.mpaas.protocol.mesos.HealthCheck.Tcp tcp = null;
        CommandInfo command = null;
        String ipProtocol = "IPv6".equalsIgnoreCase(check.ipProtocol()) ? "IPv6" : null;
        switch (protocol) {
            case "COMMAND" -> {
                type = io.mpaas.protocol.mesos.HealthCheck.Type.COMMAND;
                command = CommandInfo.shell(check.command() == null ? null : check.command().value());
            }
            case "MESOS_TCP" -> {
                type = io.mpaas.protocol.mesos.HealthCheck.Type.TCP;
                tcp = new io.mpaas.protocol.mesos.HealthCheck.Tcp(port(check, layout, hostPorts), ipProtocol);
            }
            default -> {
                type = io.mpaas.protocol.mesos.HealthCheck.Type.HTTP;
                String scheme = protocol.equals("MESOS_HTTPS") ? "https" : "http";
                String path = check.path() == null || check.path().isEmpty() ? "/" : check.path();
                http = new io.mpaas.protocol.mesos.HealthCheck.Http(scheme, port(check, layout, hostPorts), path,
                        null, ipProtocol);
            }
        }
        return new io.mpaas.protocol.mesos.HealthCheck(type, command, http, tcp,
                (double) orDefault(check.delaySeconds(), DEFAULT_DELAY),
                (double) orDefault(check.intervalSeconds(), DEFAULT_INTERVAL),
                (double) orDefault(check.timeoutSeconds(), DEFAULT_TIMEOUT),
                orDefault(check.maxConsecutiveFailures(), DEFAULT_MAX_FAILURES),
                (double) orDefault(check.gracePeriodSeconds(), DEFAULT_GRACE_PERIOD));
    }

    /** The probed port; null when the port index points nowhere (the agent then fails the task). */
    private static Long port(HealthCheck check, PortLayout layout, List<Integer> hostPorts) {
        if (check.port() != null && check.port() > 0) {
            return check.port().longValue();
        }
        int index = check.portIndex() == null ? 0 : check.portIndex();
        if (index < 0 || index >= layout.ports().size()) {
            return null;
        }
        AppPort port = layout.ports().get(index);
        Integer hostPort = index < hostPorts.size() ? hostPorts.get(index) : null;
        Integer probed = port.listeningPort(layout.networking(), hostPort);
        return probed == null || probed == 0 ? null : probed.longValue();
    }

    private static int orDefault(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}
