package io.mpaas.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpaas.gateway.haproxy.ServerStateRow;
import io.mpaas.protocol.gateway.Backend;
import io.mpaas.protocol.gateway.Server;
import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.AppInfo;
import io.mpaas.protocol.marathon.MarathonTask;
import io.mpaas.protocol.marathon.Network;
import io.mpaas.protocol.marathon.PortDefinition;
import io.mpaas.protocol.marathon.event.StatusUpdateEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway's real parts in this JVM (the harness of the benchmarks: feed, routing, sync, renderer, HAProxy
 * driver) following a fake marathon, with a real HAProxy and real backends: a service port and a virtual host are
 * routed, servers come and go through the runtime API with HAProxy's {@code show servers state} agreeing with the
 * routing table, an app whose configuration HAProxy refuses is left out while the others route, and a broken
 * template is refused while traffic keeps flowing.
 */
class InProcessGatewayIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<BenchBackend> backends = new ArrayList<>();
    private BenchMarathon marathon;
    private BenchGateway gateway;
    private Path templates;

    @BeforeEach
    void start() throws Exception {
        templates = Files.createTempDirectory("gw-templates");
        marathon = new BenchMarathon();
        gateway = new BenchGateway(marathon, 4096, templates);
    }

    @AfterEach
    void stop() {
        gateway.close();
        marathon.close();
        backends.forEach(BenchBackend::close);
    }

    @Test
    void aServicePortAndAVirtualHostAreRoutedAndServersFollowTheRuntimeApi() throws Exception {
        int servicePort = BenchGateway.freePort();
        List<BenchBackend> two = backends(2);
        marathon.app(app("/web", servicePort, Map.of("HAPROXY_0_VHOST", "web.gw.test"), two));
        gateway.start();
        String backend = gateway.awaitBackend("/web", WAIT);
        awaitAgrees(backend);

        assertThat(get(gateway.url(servicePort), null)).isEqualTo(200);
        assertThat(get(URI.create("http://127.0.0.1:" + gateway.httpPort() + "/"), "web.gw.test")).isEqualTo(200);
        long reloads = gateway.sync.status().reloads();

        List<BenchBackend> three = new ArrayList<>(two);
        three.addAll(backends(1));
        update(app("/web", servicePort, Map.of("HAPROXY_0_VHOST", "web.gw.test"), three));
        awaitServers(backend, 3);
        awaitAgrees(backend);

        update(app("/web", servicePort, Map.of("HAPROXY_0_VHOST", "web.gw.test"), three.subList(1, 3)));
        awaitServers(backend, 2);
        awaitAgrees(backend);
        assertThat(gateway.sync.status().reloads()).as("servers only: no reload").isEqualTo(reloads);
    }

    @Test
    void anAppHaproxyRefusesIsLeftOutAndReportedWhileTheOthersRoute() throws Exception {
        int good = BenchGateway.freePort();
        int bad = BenchGateway.freePort();
        marathon.app(app("/good", good, Map.of(), backends(1)));
        marathon.app(app("/bad", bad, Map.of("HAPROXY_0_SSL_CERT", "/nonexistent/gw-it.pem"), backends(1)));
        gateway.start();
        gateway.awaitBackend("/good", WAIT);
        assertThat(get(gateway.url(good), null)).isEqualTo(200);
        assertThat(gateway.backendOf("/bad")).isEmpty();
        assertThat(gateway.sync.status().problems()).anySatisfy(p -> {
            assertThat(p.appId()).isEqualTo("/bad");
            assertThat(p.message()).contains("HAProxy refused");
        });
    }

    @Test
    void aBrokenTemplateIsRefusedWhileTrafficKeepsFlowing() throws Exception {
        int web = BenchGateway.freePort();
        marathon.app(app("/web", web, Map.of(), backends(1)));
        gateway.start();
        gateway.awaitBackend("/web", WAIT);
        String config = Files.readString(gateway.haproxy.configPath());

        Files.writeString(templates.resolve("HAPROXY_BACKEND_HEAD.tmpl"),
                "backend ${name}\n  balance ${balance}\n  mode ${mode}\n  no-such-directive on\n");
        int api = BenchGateway.freePort();
        update(app("/api", api, Map.of(), backends(1)));
        Awaitility.await("the new app is refused or routed").atMost(WAIT)
                .until(() -> gateway.sync.status().lastError() != null || gateway.backendOf("/api").isPresent());
        assertThat(gateway.sync.status().lastError()).as("the broken template is reported")
                .contains("no-such-directive");
        assertThat(Files.readString(gateway.haproxy.configPath())).as("the running config stays").isEqualTo(config);
        for (int i = 0; i < 20; i++) {
            assertThat(get(gateway.url(web), null)).as("traffic keeps flowing").isEqualTo(200);
        }
        assertThat(gateway.backendOf("/api")).isEmpty();

        Files.delete(templates.resolve("HAPROXY_BACKEND_HEAD.tmpl"));
        update(app("/api", api, Map.of("HAPROXY_0_BALANCE", "leastconn"), backends(1)));
        gateway.awaitBackend("/api", WAIT);
        assertThat(get(gateway.url(api), null)).isEqualTo(200);
    }

    @Test
    void anHaproxyThatSomethingElseRunsIsTakenOverWithAReloadNotARestart() throws Exception {
        Path runDir = Files.createTempDirectory("gw-attached");
        int legacy = BenchGateway.freePort();
        Files.writeString(runDir.resolve("haproxy.cfg"), """
                global
                  stats socket %s mode 600 level admin expose-fd listeners
                defaults
                  mode http
                  timeout connect 3s
                  timeout client 30s
                  timeout server 30s
                frontend legacy
                  bind 127.0.0.1:%d
                  http-request return status 200
                """.formatted(runDir.resolve("admin.sock"), legacy));
        Process external = new ProcessBuilder("haproxy", "-W", "-S", runDir.resolve("master.sock") + ",mode,600",
                "-f", runDir.resolve("haproxy.cfg").toString()).redirectErrorStream(true)
                .redirectOutput(runDir.resolve("haproxy.log").toFile()).start();
        try {
            Awaitility.await("the operator's HAProxy serves").atMost(WAIT).ignoreExceptions()
                    .until(() -> get(URI.create("http://127.0.0.1:" + legacy + "/"), null) == 200);
            int web = BenchGateway.freePort();
            marathon.app(app("/web", web, Map.of(), backends(2)));
            gateway.close();
            gateway = new BenchGateway(marathon, 4096, null, runDir, io.mpaas.gateway.haproxy.HaproxySettings.Mode.ATTACHED)
                    .start();
            String backend = gateway.awaitBackend("/web", WAIT);
            awaitAgrees(backend);
            assertThat(get(gateway.url(web), null)).isEqualTo(200);
            assertThat(external.isAlive()).as("reloaded, not replaced").isTrue();
            assertThat(gateway.process.masterPid()).isEmpty();
            assertThat(Files.readString(runDir.resolve("haproxy.cfg"))).doesNotContain("frontend legacy");
        } finally {
            gateway.close();
            external.destroy();
            external.waitFor();
        }
    }

    // ---------------------------------------------------------------------------------------------

    private List<BenchBackend> backends(int count) throws Exception {
        List<BenchBackend> made = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            BenchBackend backend = new BenchBackend();
            backends.add(backend);
            made.add(backend);
        }
        return made;
    }

    /** An HTTP app on one service port whose tasks are these backends (task ids from their ports). */
    private static AppInfo app(String id, int servicePort, Map<String, String> labels, List<BenchBackend> tasks) {
        Map<String, String> all = new LinkedHashMap<>(Map.of("HAPROXY_GROUP", "external", "HAPROXY_0_MODE", "http"));
        all.putAll(labels);
        App app = new App.Builder().id(id).instances(tasks.size())
                .portDefinitions(List.of(new PortDefinition(servicePort, "tcp", null, null)))
                .networks(List.of(new Network("host", null, null))).labels(all)
                .version("2026-01-01T00:00:00.000Z").build();
        List<MarathonTask> list = tasks.stream()
                .map(b -> BenchApps.task(id, id.substring(1) + ".task-" + b.port(), b.port(), "TASK_RUNNING")).toList();
        return new AppInfo(app, null, null, null, null, List.of(), List.of(), list, null, null);
    }

    /** The app as marathon now has it, announced as a status update would be. */
    private void update(AppInfo app) {
        marathon.app(app);
        marathon.push(new StatusUpdateEvent("agent-1", app.app().id().substring(1) + ".task", "TASK_RUNNING", "",
                app.app().id(), BenchApps.HOST, List.of(), List.of(), "2026-01-01T00:00:00.000Z",
                "2026-01-01T00:00:00.000Z"));
    }

    private void awaitServers(String backend, int count) {
        Awaitility.await(backend + " has " + count + " servers").atMost(WAIT)
                .until(() -> routedPorts(backend).size() == count);
    }

    /** HAProxy's own view ({@code show servers state}) is the routing table's: the same ports up, the rest in maintenance. */
    private void awaitAgrees(String backend) {
        Awaitility.await("show servers state agrees with the routing table for " + backend).atMost(WAIT)
                .until(() -> {
                    Set<Integer> up = gateway.runtime.showServersState(backend).stream()
                            .filter(ServerStateRow::up).filter(r -> !r.inMaintenance())
                            .map(ServerStateRow::port).collect(Collectors.toSet());
                    return up.equals(routedPorts(backend));
                });
    }

    private Set<Integer> routedPorts(String backend) {
        return gateway.sync.status().routed().backends().stream().filter(b -> b.name().equals(backend))
                .map(Backend::servers).flatMap(List::stream).map(Server::port).collect(Collectors.toSet());
    }

    private int get(URI url, String host) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5));
        if (host != null) {
            // java.net.http refuses to set Host; curl sends it as a browser would.
            return curl(url, host);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static int curl(URI url, String host) throws Exception {
        Process curl = new ProcessBuilder("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "5",
                "-H", "Host: " + host, url.toString()).start();
        String code = new String(curl.getInputStream().readAllBytes()).strip();
        curl.waitFor();
        return Integer.parseInt(code);
    }
}
