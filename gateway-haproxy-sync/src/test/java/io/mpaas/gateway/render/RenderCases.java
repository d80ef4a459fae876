package io.mpaas.gateway.render;

import io.mpaas.protocol.gateway.Backend;
import io.mpaas.protocol.gateway.HttpCheck;
import io.mpaas.protocol.gateway.ProxyMode;
import io.mpaas.protocol.gateway.RoutingTable;
import io.mpaas.protocol.gateway.Server;
import io.mpaas.protocol.gateway.ServerState;
import io.mpaas.protocol.gateway.ServiceFrontend;
import io.mpaas.protocol.gateway.VhostRoute;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The golden cases: one routing table (and settings) per label or mode the renderer handles, each
 * compared with {@code src/test/resources/render/golden/<name>.cfg} and checked by the real HAProxy in
 * {@link RenderedConfigIT}. Certificates live in {@link #IT_FILES}, where the IT creates them.
 */
final class RenderCases {

    /** Where the goldens' certificates and server-state file are, made by the IT; fixed, so goldens do not depend on the machine. */
    static final String IT_FILES = "/tmp/mpaas-render-it";

    static final Path GOLDEN_DIR = Path.of("src/test/resources/render/golden");
    static final Path OVERRIDES_DIR = Path.of("src/test/resources/render/overrides");

    /** Settings of most cases: every default, and a stats password so the stats page listens everywhere. */
    static final RenderSettings SETTINGS = settings(null, 0, 0, null, 0, null, Duration.ofMinutes(2), null);

    record Case(String name, RenderSettings settings, RoutingTable table, Map<String, List<ServerSlot>> slots) {
    }

    private RenderCases() {
    }

    static Map<String, Case> all() {
        Map<String, Case> cases = new LinkedHashMap<>();
        // Goldens name maxconn: its default depends on the machine's file limit.
        add(cases, new Case("empty-table", new RenderSettings(null, 0, 0, null, 0, null, null, null, 50_000, null, null,
                null), RoutingTable.EMPTY, Map.of()));
        add(cases, simple("tcp-port", tcpApp("/db/redis", 10001, "*", null)));
        Backend api = backend("/api", 10002, ProxyMode.HTTP, ready("api.1", "10.0.1.1", 31500),
                ready("api.2", "10.0.1.2", 31501));
        add(cases, simple("http-port", new RoutingTable(List.of(frontend(api, "*", 10002, null)), List.of(),
                List.of(api), List.of())));
        add(cases, simple("vhost", vhostApp(List.of(route("shop.example.com", null, "/shop", 10003, 0, false, null)))));
        add(cases, simple("multiple-vhosts", vhostApp(List.of(
                route("shop.example.com", null, "/shop", 10003, 0, false, null),
                route("www.shop.example.com", null, "/shop", 10003, 0, false, null),
                route("blog.example.org", null, "/blog", 10004, 0, false, null)))));
        add(cases, simple("vhost-path", vhostApp(List.of(
                route("example.com", "/api", "/svc/api", 10005, 1, false, null),
                route("example.com", "/static/img", "/svc/img", 10006, 1, false, null),
                route("example.com", null, "/svc/site", 10007, 0, false, null)))));
        add(cases, simple("weights-ordering", vhostApp(List.of(
                route("low.example.com", null, "/low", 10010, 0, false, null),
                route("mid-a.example.com", null, "/mid-a", 10011, 5, false, null),
                route("high.example.com", null, "/high", 10012, 10, false, null),
                route("mid-b.example.com", null, "/mid-b", 10013, 5, false, null)))));
        add(cases, simple("redirect-to-https", vhostApp(List.of(
                route("secure.example.com", null, "/secure", 10014, 0, true, IT_FILES + "/secure.pem"),
                route("plain.example.com", null, "/plain", 10015, 0, false, null)))));
        add(cases, simple("ssl-cert-port", tcpApp("/tls/echo", 10016, "*", IT_FILES + "/port.pem")));
        add(cases, new Case("ssl-cert-vhost",
                settings(null, 0, 0, null, 0, null, Duration.ofMinutes(2), IT_FILES + "/default.pem"),
                vhostApp(List.of(route("a.example.com", null, "/a", 10017, 0, false, IT_FILES + "/a.pem"),
                        route("b.example.com", "/v1", "/b", 10018, 0, false, IT_FILES + "/b.pem"),
                        route("c.example.com", null, "/c", 10019, 0, false, IT_FILES + "/a.pem"))),
                Map.of()));
        add(cases, simple("sticky", stickyApps()));
        add(cases, simple("balance", balanceApps()));
        add(cases, new Case("bind-addr", settings(null, 0, 0, "0.0.0.0", 0, null, Duration.ofMinutes(2), null),
                merge(tcpApp("/internal/cache", 10020, "127.0.0.1", null),
                        vhostApp(List.of(route("bind.example.com", null, "/bind", 10021, 0, false, null)))),
                Map.of()));
        add(cases, new Case("port-override", settings(null, 8081, 8443, null, 9191, null, Duration.ofMinutes(2),
                IT_FILES + "/default.pem"), merge(portOverride(),
                vhostApp(List.of(route("override.example.com", null, "/override", 10023, 0, false, null)))),
                Map.of()));
        add(cases, simple("http-check", checkedApp()));
        add(cases, simple("drain-server", drainApp()));
        add(cases, freeSlots());
        add(cases, new Case("template-override", settings(OVERRIDES_DIR, 0, 0, null, 0, null, Duration.ofMinutes(2),
                null), vhostApp(List.of(route("tmpl.example.com", null, "/tmpl", 10030, 0, false, null))), Map.of()));
        add(cases, new Case("server-state-file", new RenderSettings(null, 0, 0, null, 0, "ops", "pa ss#'word", "/run/gw/admin.sock",
                20_000, Duration.ofSeconds(90), IT_FILES + "/server-state", null),
                tcpApp("/db/redis", 10001, "*", null), Map.of()));
        return cases;
    }

    static RenderSettings settings(Path templatesDir, int httpPort, int httpsPort, String bindAddress, int statsPort,
            String adminSocket, Duration hardStopAfter, String defaultSslCert) {
        return new RenderSettings(templatesDir, httpPort, httpsPort, bindAddress, statsPort, "admin", "s3cret",
                adminSocket, 50_000, hardStopAfter, null, defaultSslCert);
    }

    static Server ready(String taskId, String ip, int port) {
        return new Server(taskId, "agent-1", ip, port, 1, ServerState.READY);
    }

    static Backend backend(String appId, int servicePort, ProxyMode mode, Server... servers) {
        return new Backend(name(appId, servicePort), appId, 0, servicePort, mode, null, false, null, List.of(servers));
    }

    static ServiceFrontend frontend(Backend b, String bindAddress, int port, String sslCert) {
        return new ServiceFrontend(b.name(), b.appId(), b.portIndex(), bindAddress, port, b.mode(), sslCert, b.name());
    }

    static VhostRoute route(String host, String path, String appId, int servicePort, int weight, boolean redirect,
            String cert) {
        return new VhostRoute(host, path, name(appId, servicePort), appId, 0, weight, redirect, cert);
    }

    static String name(String appId, int servicePort) {
        return appId.replace('/', '_') + "_" + servicePort;
    }

    private static void add(Map<String, Case> cases, Case c) {
        cases.put(c.name(), c);
    }

    private static Case simple(String name, RoutingTable table) {
        return new Case(name, SETTINGS, table, Map.of());
    }

    static RoutingTable tcpApp(String appId, int port, String bind, String cert) {
        Backend b = backend(appId, port, ProxyMode.TCP, ready(appId + ".1", "10.0.0.1", 31001),
                ready(appId + ".2", "10.0.0.2", 31002));
        return new RoutingTable(List.of(frontend(b, bind, port, cert)), List.of(), List.of(b), List.of());
    }

    /** An HTTP backend (with its service-port frontend, as marathon-lb binds one too) per distinct route backend. */
    static RoutingTable vhostApp(List<VhostRoute> routes) {
        Map<String, Backend> backends = new LinkedHashMap<>();
        for (VhostRoute r : routes) {
            int port = Integer.parseInt(r.backend().substring(r.backend().lastIndexOf('_') + 1));
            backends.computeIfAbsent(r.backend(), n -> backend(r.appId(), port, ProxyMode.HTTP,
                    ready(r.appId() + ".1", "10.0.2." + (port % 250), 31100 + port % 100)));
        }
        List<ServiceFrontend> frontends = backends.values().stream()
                .map(b -> frontend(b, "*", b.servicePort(), null)).toList();
        return new RoutingTable(frontends, routes, List.copyOf(backends.values()), List.of());
    }

    private static RoutingTable merge(RoutingTable a, RoutingTable b) {
        return new RoutingTable(concat(a.frontends(), b.frontends()), concat(a.vhosts(), b.vhosts()),
                concat(a.backends(), b.backends()), List.of());
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    private static RoutingTable stickyApps() {
        Backend web = new Backend(name("/sticky/web", 10024), "/sticky/web", 0, 10024, ProxyMode.HTTP, null, true,
                null, List.of(ready("w.1", "10.0.3.1", 31200), ready("w.2", "10.0.3.2", 31201)));
        // A tcp-mode backend cannot carry a cookie: its sticky flag is left out of the text.
        Backend raw = new Backend(name("/sticky/raw", 10025), "/sticky/raw", 0, 10025, ProxyMode.TCP, null, true,
                null, List.of(ready("r.1", "10.0.3.3", 31202)));
        return new RoutingTable(List.of(frontend(web, "*", 10024, null), frontend(raw, "*", 10025, null)), List.of(),
                List.of(web, raw), List.of());
    }

    private static RoutingTable balanceApps() {
        Backend lc = new Backend(name("/lb/leastconn", 10026), "/lb/leastconn", 0, 10026, ProxyMode.TCP, "leastconn",
                false, null, List.of(ready("l.1", "10.0.4.1", 31300)));
        Backend src = new Backend(name("/lb/source", 10027), "/lb/source", 0, 10027, ProxyMode.HTTP, "source",
                false, null, List.of(ready("s.1", "10.0.4.2", 31301)));
        // Given in reverse name order: the text lists frontends and backends by name whatever the table's order.
        return new RoutingTable(List.of(frontend(src, "*", 10027, null), frontend(lc, "*", 10026, null)), List.of(),
                List.of(src, lc), List.of());
    }

    private static RoutingTable portOverride() {
        Backend b = backend("/ported", 10022, ProxyMode.TCP, ready("p.1", "10.0.5.1", 31400));
        return new RoutingTable(List.of(frontend(b, "*", 8080, null)), List.of(), List.of(b), List.of());
    }

    static RoutingTable checkedApp() {
        Backend b = new Backend(name("/checked", 10028), "/checked", 0, 10028, ProxyMode.HTTP, null, true,
                new HttpCheck("/health", 10, 2, 4), List.of(ready("c.1", "10.0.6.1", 31500),
                        ready("c.2", "10.0.6.2", 31501)));
        return new RoutingTable(List.of(frontend(b, "*", 10028, null)), List.of(), List.of(b), List.of());
    }

    private static RoutingTable drainApp() {
        Server draining = new Server("d.2", "agent-2", "10.0.7.2", 31601, 5, ServerState.DRAIN);
        Backend b = backend("/draining", 10029, ProxyMode.HTTP, new Server("d.1", "agent-1", "10.0.7.1", 31600, 5,
                ServerState.READY), draining);
        return new RoutingTable(List.of(frontend(b, "*", 10029, null)), List.of(), List.of(b), List.of());
    }

    /** Slots given for the checked backend (two free); the tcp backend has none given and gets s1..sN. */
    private static Case freeSlots() {
        RoutingTable checked = checkedApp();
        Backend b = checked.backends().getFirst();
        List<ServerSlot> slots = List.of(new ServerSlot("s1", b.servers().get(0)), ServerSlot.free("s2"),
                new ServerSlot("s3", b.servers().get(1)), ServerSlot.free("s4"));
        return new Case("free-slots", SETTINGS, merge(checked, tcpApp("/db/redis", 10001, "*", null)),
                Map.of(b.name(), slots, "_not_in_table_1", List.of(ServerSlot.free("s1"))));
    }
}
