package io.mpaas.gateway.routing;

import io.mpaas.gateway.routing.ServerSelector.Candidate;
import io.mpaas.protocol.gateway.AppProblem;
import io.mpaas.protocol.gateway.Backend;
import io.mpaas.protocol.gateway.HttpCheck;
import io.mpaas.protocol.gateway.ProxyMode;
import io.mpaas.protocol.gateway.RoutingTable;
import io.mpaas.protocol.gateway.Server;
import io.mpaas.protocol.gateway.ServiceFrontend;
import io.mpaas.protocol.gateway.VhostRoute;
import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.AppInfo;
import io.mpaas.protocol.marathon.Container;
import io.mpaas.protocol.marathon.HealthCheck;
import io.mpaas.protocol.marathon.PortDefinition;
import io.mpaas.protocol.marathon.PortMapping;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * Turns marathon's apps ({@code GET /v2/apps?embed=apps.tasks&embed=apps.readiness}) into what the gateway
 * routes, following marathon-lb's labels and rules: one frontend and one backend per app port in the served
 * group, virtual-host routes for the shared HTTP(S) frontends, and the problems that kept labels, ports or
 * tasks out.
 *
 * <p>A pure function of the apps, the settings and the host resolver's answers: the same apps in any order
 * give an equal table, sorted by app id then port index, so that comparing two tables tells exactly what
 * changed. A bad label, a port conflict or an unresolvable host affects only its own app (or port, or task);
 * every other app still routes. A port whose app has no servers keeps its backend, empty, so that scaling
 * from zero to one needs no reload.
 *
 * <p>Work is linear in apps plus tasks: ports and virtual hosts are claimed in hash maps, and each host is
 * resolved once per build.
 */
@Component
public class RoutingTableBuilder {

    private static final int DEFAULT_INTERVAL_SECONDS = 60;
    private static final int DEFAULT_TIMEOUT_SECONDS = 20;
    private static final int DEFAULT_MAX_CONSECUTIVE_FAILURES = 3;

    private final RoutingSettings settings;
    private final HostResolver resolver;

    public RoutingTableBuilder(RoutingSettings settings, HostResolver resolver) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    /** The routing table for these apps; never throws for anything an app contains. */
    public RoutingTable build(List<AppInfo> apps) {
        Pass pass = new Pass();
        List<AppInfo> sorted = new ArrayList<>(apps == null ? List.of() : apps);
        sorted.removeIf(info -> {
            if (info == null || info.app() == null || info.app().id() == null) {
                pass.problems.add(new AppProblem(null, null, "an app without an id is left out"));
                return true;
            }
            return false;
        });
        sorted.sort(Comparator.comparing(info -> info.app().id()));
        sorted.forEach(pass::route);
        return new RoutingTable(pass.frontends, pass.vhosts, pass.backends, pass.problems);
    }

    /**
     * One service port of an app.
     *
     * @param servicePort   the port marathon gave it, null or 0 if none
     * @param containerPort the container port of its port mapping, null under host networking
     */
    record AppPort(int index, Integer servicePort, Integer containerPort) {
    }

    /**
     * The app's service ports: from the container's port mappings when it has any, else from the port
     * definitions (marathon-lb's order). Task port {@code i} belongs to service port {@code i}.
     */
    static List<AppPort> ports(App app) {
        Container container = app.container();
        List<PortMapping> mappings = container == null ? null : container.portMappings();
        if ((mappings == null || mappings.isEmpty()) && container != null && container.docker() != null) {
            mappings = container.docker().portMappings();
        }
        List<AppPort> ports = new ArrayList<>();
        if (mappings != null && !mappings.isEmpty()) {
            for (PortMapping mapping : mappings) {
                ports.add(mapping == null ? new AppPort(ports.size(), null, null)
                        : new AppPort(ports.size(), mapping.servicePort(), mapping.containerPort()));
            }
        } else if (app.portDefinitions() != null) {
            for (PortDefinition definition : app.portDefinitions()) {
                ports.add(new AppPort(ports.size(), definition == null ? null : definition.port(), null));
            }
        }
        return ports;
    }

    /** The state of one build: what is routed so far, and which ports and virtual hosts are taken. */
    private final class Pass {
        final List<ServiceFrontend> frontends = new ArrayList<>();
        final List<VhostRoute> vhosts = new ArrayList<>();
        final List<Backend> backends = new ArrayList<>();
        final List<AppProblem> problems = new ArrayList<>();
        /** Bound port to the frontend bound there. */
        final Map<Integer, String> boundPorts = new HashMap<>();
        /** Host and path to the backend they route to. */
        final Map<String, String> routedHosts = new HashMap<>();
        final ServerSelector selector = new ServerSelector(resolver);

        void route(AppInfo info) {
            App app = info.app();
            List<AppPort> ports = ports(app);
            if (ports.isEmpty()) {
                return;
            }
            AppLabels labels = LabelReader.read(app.id(), app.labels(), ports.size());
            List<AppPort> served = ports.stream().filter(p -> settings.serves(labels.groupsOf(p.index()))).toList();
            if (served.isEmpty()) {
                return; // another gateway's app: its labels are that gateway's to report
            }
            problems.addAll(labels.problems());
            List<Candidate> candidates = selector.candidates(info, problems);
            for (AppPort port : served) {
                routePort(app, port, labels.port(port.index()), candidates);
            }
        }

        private void routePort(App app, AppPort port, PortLabels labels, List<Candidate> candidates) {
            int n = port.index();
            Integer bind = labels.bindPort() != null ? labels.bindPort() : port.servicePort();
            if (bind == null || bind < 1 || bind > 65535) {
                problem(app, null, "port index " + n + " has no service port; left out");
                return;
            }
            String portLabel = labels.bindPort() != null ? PortLabels.label(n, "PORT") : null;
            String name = LabelSyntax.proxyName(app.id(), bind);
            if (settings.reservedPorts().contains(bind)) {
                problem(app, portLabel, "port index " + n + ": port " + bind + " is reserved for the gateway itself;"
                        + " left out");
                return;
            }
            String owner = boundPorts.putIfAbsent(bind, name);
            if (owner != null) {
                problem(app, portLabel, "port index " + n + ": port " + bind + " is already bound by " + owner
                        + "; left out");
                return;
            }
            int checkIndex = httpCheckIndex(app, n);
            ProxyMode mode = mode(app, n, labels, checkIndex >= 0);
            HttpCheck check = checkIndex >= 0 ? httpCheck(app, checkIndex) : null;
            String balance = labels.balance();
            if (mode == ProxyMode.TCP && LabelSyntax.needsHttp(balance)) {
                problem(app, PortLabels.label(n, "BALANCE"), PortLabels.label(n, "BALANCE") + ": " + balance
                        + " reads the HTTP request, but the port is in tcp mode; roundrobin used");
                balance = null;
            }
            boolean sticky = labels.sticky();
            if (mode == ProxyMode.TCP && sticky) {
                problem(app, PortLabels.label(n, "STICKY"), PortLabels.label(n, "STICKY")
                        + " needs http mode (a cookie), but the port is in tcp mode; ignored");
                sticky = false;
            }
            List<Server> servers = new ArrayList<>(candidates.size());
            for (Candidate candidate : candidates) {
                candidate.server(n, port.containerPort()).ifPresent(servers::add);
            }
            frontends.add(new ServiceFrontend(name, app.id(), n, labels.bindAddress(), bind, mode, labels.sslCert(),
                    name));
            backends.add(new Backend(name, app.id(), n, bind, mode, balance, sticky, check, servers));
            routeHosts(app, n, labels, name);
        }

        private void routeHosts(App app, int n, PortLabels labels, String backend) {
            int weight = labels.backendWeight() != null ? labels.backendWeight() : labels.path() != null ? 1 : 0;
            for (String host : labels.vhosts()) {
                String key = labels.path() == null ? host : host + labels.path();
                String owner = routedHosts.putIfAbsent(key, backend);
                if (owner != null) {
                    problem(app, PortLabels.label(n, "VHOST"), PortLabels.label(n, "VHOST") + ": " + key
                            + " is already routed to " + owner + "; left out for this port");
                    continue;
                }
                vhosts.add(new VhostRoute(host, labels.path(), backend, app.id(), n, weight, labels.redirectToHttps(),
                        labels.sslCert()));
            }
        }

        /**
         * tcp unless asked otherwise; http when the port has a virtual host (host routing reads the request) or
         * an HTTP health check (HAProxy's check of it speaks HTTP), as in marathon-lb. An explicit tcp against
         * either is reported.
         */
        private ProxyMode mode(App app, int n, PortLabels labels, boolean httpHealthCheck) {
            String modeLabel = PortLabels.label(n, "MODE");
            if (!labels.vhosts().isEmpty()) {
                if (labels.mode() == ProxyMode.TCP) {
                    problem(app, modeLabel, modeLabel + ": tcp conflicts with " + PortLabels.label(n, "VHOST")
                            + ", which needs http; http used");
                }
                return ProxyMode.HTTP;
            }
            if (httpHealthCheck) {
                if (labels.mode() == ProxyMode.TCP) {
                    problem(app, modeLabel, modeLabel + ": tcp conflicts with the app's HTTP health check of port"
                            + " index " + n + "; http used");
                }
                return ProxyMode.HTTP;
            }
            return labels.mode() == null ? ProxyMode.TCP : labels.mode();
        }

        /**
         * HAProxy's check of a port, from the app's health check at {@code index}: Marathon's defaults for what
         * it leaves out, and {@code fall} one more than Marathon's tolerated failures, as marathon-lb.
         */
        private HttpCheck httpCheck(App app, int index) {
            HealthCheck hc = app.healthChecks().get(index);
            String path = hc.path() == null || hc.path().isBlank() ? "/" : hc.path();
            if (!LabelSyntax.isPath(path)) {
                problem(app, null, "healthChecks[" + index + "].path " + LabelSyntax.shown(path)
                        + " is not an absolute URL path without spaces or quotes; HAProxy does not check this port");
                return null;
            }
            int failures = hc.maxConsecutiveFailures() == null ? DEFAULT_MAX_CONSECUTIVE_FAILURES
                    : Math.clamp(hc.maxConsecutiveFailures(), 0, 1_000_000);
            return new HttpCheck(path, positive(hc.intervalSeconds(), DEFAULT_INTERVAL_SECONDS),
                    positive(hc.timeoutSeconds(), DEFAULT_TIMEOUT_SECONDS), failures + 1);
        }

        private void problem(App app, String label, String message) {
            problems.add(new AppProblem(app.id(), label, message));
        }
    }

    /**
     * The position in {@code healthChecks} of the app's first HTTP or MESOS_HTTP check of port index {@code n}
     * (no port index means 0), or -1. A check of a fixed {@code port} is not one of the app's service ports.
     * HTTPS checks are left out: HAProxy would have to speak TLS to the servers.
     */
    static int httpCheckIndex(App app, int n) {
        List<HealthCheck> checks = app.healthChecks();
        if (checks == null) {
            return -1;
        }
        for (int i = 0; i < checks.size(); i++) {
            HealthCheck hc = checks.get(i);
            if (hc == null || !("HTTP".equals(hc.protocol()) || "MESOS_HTTP".equals(hc.protocol()))) {
                continue;
            }
            if (hc.portIndex() == null && hc.port() != null && hc.port() > 0) {
                continue;
            }
            if ((hc.portIndex() == null ? 0 : hc.portIndex()) == n) {
                return i;
            }
        }
        return -1;
    }

    private static int positive(Integer value, int fallback) {
        return value == null || value < 1 ? fallback : value;
    }
}
