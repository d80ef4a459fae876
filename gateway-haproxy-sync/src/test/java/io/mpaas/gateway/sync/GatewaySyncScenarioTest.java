package io.mpaas.gateway.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mpaas.gateway.haproxy.ReloadResult;
import io.mpaas.gateway.haproxy.Validation;
import io.mpaas.gateway.render.ServerSlot;
import io.mpaas.protocol.gateway.Backend;
import io.mpaas.protocol.gateway.ProxyMode;
import io.mpaas.protocol.gateway.RoutingTable;
import io.mpaas.protocol.gateway.Server;
import io.mpaas.protocol.gateway.ServerState;
import io.mpaas.protocol.gateway.ServiceFrontend;
import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.AppInfo;
import io.mpaas.protocol.marathon.MarathonTask;
import io.mpaas.testkit.time.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The sync against a recording HAProxy: which changes become runtime commands, which a reload, how reloads
 * are paced, and what happens when HAProxy refuses a configuration, a reload or a command. The routing
 * table here is a simple stand-in (one backend per app, one server per task); rendering lists the slots.
 */
class GatewaySyncScenarioTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final RecordingProxy proxy = new RecordingProxy();
    private final GatewaySync sync = new GatewaySync(GatewaySyncScenarioTest::table, GatewaySyncScenarioTest::render,
            proxy, new SyncSettings(Duration.ofSeconds(2), Duration.ofSeconds(5)),
            new SyncMetrics(new SimpleMeterRegistry()), clock, false);

    @Test
    void theFirstAppsComeWithAReloadAndThenNewTasksOnlyWithRuntimeCommands() {
        sync.round(List.of(app("/web", 10000, "a")), clock.instant());
        assertThat(proxy.reloads).isEqualTo(1);
        assertThat(proxy.written.getLast()).contains("web_10000 s1=a s2=-");
        assertThat(sync.status().synced()).isTrue();

        clock.advance(Duration.ofMillis(100));
        sync.round(List.of(app("/web", 10000, "a", "b")), clock.instant());
        assertThat(proxy.reloads).isEqualTo(1);
        assertThat(proxy.commands).contains("set server web_10000/s2 state ready");
        assertThat(proxy.written.getLast()).as("the file holds the runtime change too").contains("s2=b");
        assertThat(sync.status().routed().backends().getFirst().servers()).hasSize(2);
    }

    @Test
    void reloadsAreSpacedByTheMinimumIntervalAndCoalesced() {
        sync.round(List.of(app("/web", 10000, "a")), clock.instant());
        clock.advance(Duration.ofMillis(500));
        sync.round(List.of(app("/web", 10000, "a"), app("/api", 10001, "x")), clock.instant());
        clock.advance(Duration.ofMillis(500));
        sync.round(List.of(app("/web", 10000, "a"), app("/api", 10001, "x"), app("/db", 10002, "y")),
                clock.instant());
        assertThat(proxy.reloads).as("too soon after the first").isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        sync.round(List.of(app("/web", 10000, "a"), app("/api", 10001, "x"), app("/db", 10002, "y")),
                clock.instant());
        assertThat(proxy.reloads).as("both new apps in one reload").isEqualTo(2);
        assertThat(sync.status().routed().appIds()).containsExactly("/api", "/db", "/web");
    }

    @Test
    void anAppHaproxyRefusesIsLeftOutAndTheOthersAreRouted() {
        sync.round(List.of(app("/web", 10000, "a"), app("/bad", 10001, "b"), app("/api", 10002, "c")),
                clock.instant());
        assertThat(proxy.reloads).isEqualTo(1);
        assertThat(sync.status().routed().appIds()).containsExactly("/api", "/web");
        assertThat(sync.status().problems()).singleElement()
                .satisfies(p -> assertThat(p.appId()).isEqualTo("/bad"))
                .satisfies(p -> assertThat(p.message()).contains("refused").contains("bad_10001 is not allowed"));
    }

    @Test
    void brokenTemplatesKeepTheRunningConfigurationAndSayWhy() {
        sync.round(List.of(app("/web", 10000, "a")), clock.instant());
        String running = proxy.written.getLast();
        proxy.refuseEverything = true;
        clock.advance(Duration.ofSeconds(3));
        sync.round(List.of(app("/web", 10000, "a"), app("/api", 10001, "c")), clock.instant());
        assertThat(proxy.reloads).isEqualTo(1);
        assertThat(proxy.written.getLast()).isEqualTo(running);
        assertThat(sync.status().lastError()).contains("even without any app");
        assertThat(sync.status().routed().appIds()).containsExactly("/web");
    }

    @Test
    void aTemplateThatBreaksEveryBackendLeavesNoAppOutAndKeepsTheRunningConfiguration() {
        sync.round(List.of(app("/web", 10000, "a")), clock.instant());
        String running = proxy.written.getLast();
        proxy.refuseBackends = true;
        clock.advance(Duration.ofSeconds(3));
        sync.round(List.of(app("/web", 10000, "a"), app("/api", 10001, "c")), clock.instant());
        assertThat(proxy.reloads).isEqualTo(1);
        assertThat(proxy.written.getLast()).isEqualTo(running);
        assertThat(sync.status().lastError()).contains("did not change [/web]").contains("no-such-directive");
        assertThat(sync.status().routed().appIds()).containsExactly("/web");
    }

    @Test
    void anUnconfirmedReloadIsRetriedAfterAPause() {
        proxy.confirm = false;
        sync.round(List.of(app("/web", 10000, "a")), clock.instant());
        assertThat(sync.status().synced()).isFalse();
        assertThat(sync.status().lastError()).contains("reload");
        proxy.confirm = true;
        sync.round(List.of(app("/web", 10000, "a")), clock.instant());
        assertThat(proxy.reloads).as("not before the retry pause").isEqualTo(1);
        clock.advance(Duration.ofSeconds(5));
        sync.round(List.of(app("/web", 10000, "a")), clock.instant());
        assertThat(proxy.reloads).isEqualTo(2);
        assertThat(sync.status().synced()).isTrue();
        assertThat(sync.status().routed().appIds()).containsExactly("/web");
    }

    @Test
    void refusedRuntimeCommandsFallBackToAReload() {
        sync.round(List.of(app("/web", 10000, "a")), clock.instant());
        proxy.refuseCommands = true;
        clock.advance(Duration.ofSeconds(3));
        sync.round(List.of(app("/web", 10000, "a", "b")), clock.instant());
        assertThat(proxy.reloads).isEqualTo(2);
        assertThat(proxy.written.getLast()).contains("s2=b");
    }

    // ---- a stand-in routing table and renderer, and a recording HAProxy

    private static AppInfo app(String id, int servicePort, String... tasks) {
        List<MarathonTask> list = new ArrayList<>();
        for (int i = 0; i < tasks.length; i++) {
            list.add(new MarathonTask(tasks[i], id, "h", "agent", "TASK_RUNNING", null, null, "v",
                    List.of(31000 + i), List.of(servicePort), List.of(), List.of(), List.of(), "*"));
        }
        return new AppInfo(App.withId(id), null, null, null, null, null, null, list, null, null);
    }

    private static RoutingTable table(Collection<AppInfo> apps) {
        List<ServiceFrontend> frontends = new ArrayList<>();
        List<Backend> backends = new ArrayList<>();
        apps.stream().sorted(java.util.Comparator.comparing(a -> a.app().id())).forEach(a -> {
            int port = a.tasks().getFirst().servicePorts().getFirst();
            String name = a.app().id().substring(1) + "_" + port;
            List<Server> servers = a.tasks().stream().map(t -> new Server(t.id(), "h", "10.0.0.1",
                    t.ports().getFirst(), 1, ServerState.READY)).toList();
            frontends.add(new ServiceFrontend(name, a.app().id(), 0, null, port, ProxyMode.TCP, null, name));
            backends.add(new Backend(name, a.app().id(), 0, port, ProxyMode.TCP, null, false, null, servers));
        });
        return new RoutingTable(frontends, List.of(), backends, List.of());
    }

    private static String render(RoutingTable table, Map<String, List<ServerSlot>> slots) {
        StringBuilder sb = new StringBuilder("global\n");
        for (Backend b : table.backends()) {
            sb.append(b.name());
            for (ServerSlot slot : slots.getOrDefault(b.name(), List.of())) {
                sb.append(' ').append(slot.name()).append('=').append(slot.isFree() ? "-" : slot.server().taskId());
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static final class RecordingProxy implements Proxy {
        final List<String> commands = new ArrayList<>();
        final List<String> written = new ArrayList<>();
        int reloads;
        boolean confirm = true;
        boolean refuseEverything;
        boolean refuseBackends;
        boolean refuseCommands;

        @Override
        public void execute(List<String> batch) {
            if (refuseCommands) {
                throw new IllegalStateException("No such server.");
            }
            commands.addAll(batch);
        }

        private static Validation validation(boolean valid, String output) {
            return new Validation(valid, valid ? 0 : 1, output, Duration.ofMillis(50));
        }

        @Override
        public Validation validate(String config) {
            if (refuseBackends && config.contains("_1000")) {
                return validation(false, "[NOTICE] checking\n[ALERT] parsing [haproxy.cfg:9]: unknown keyword"
                        + " 'no-such-directive' in 'backend' section");
            }
            if (refuseEverything) {
                return validation(false, "[ALERT] parsing [haproxy.cfg:1]: unknown keyword 'globall'");
            }
            return config.contains("bad_10001")
                    ? validation(false, "[ALERT] parsing [haproxy.cfg:3]: bad_10001 is not allowed")
                    : validation(true, "Configuration file is valid");
        }

        @Override
        public void write(String config) {
            written.add(config);
        }

        @Override
        public ReloadResult reload() {
            reloads++;
            return new ReloadResult(confirm, confirm ? 1 : 5, Duration.ofMillis(12), confirm ? 42 : null,
                    confirm ? "worker 42 runs" : "no new worker");
        }
    }
}
