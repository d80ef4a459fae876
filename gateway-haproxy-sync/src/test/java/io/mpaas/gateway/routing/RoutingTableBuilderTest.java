package io.mpaas.gateway.routing;

import static io.mpaas.gateway.routing.TestApps.app;
import static io.mpaas.gateway.routing.TestApps.bridged;
import static io.mpaas.gateway.routing.TestApps.info;
import static io.mpaas.gateway.routing.TestApps.labels;
import static io.mpaas.gateway.routing.TestApps.mapping;
import static io.mpaas.gateway.routing.TestApps.running;
import static org.assertj.core.api.Assertions.assertThat;

import io.mpaas.protocol.gateway.AppProblem;
import io.mpaas.protocol.gateway.Backend;
import io.mpaas.protocol.gateway.ProxyMode;
import io.mpaas.protocol.gateway.RoutingTable;
import io.mpaas.protocol.gateway.Server;
import io.mpaas.protocol.gateway.ServerState;
import io.mpaas.protocol.gateway.ServiceFrontend;
import io.mpaas.protocol.gateway.VhostRoute;
import io.mpaas.protocol.marathon.AppInfo;
import io.mpaas.protocol.marathon.MarathonTask;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoutingTableBuilderTest {

    static final HostResolver HOSTS = HostResolver.fixed(Map.of("a1", "10.0.0.1", "a2", "10.0.0.2"));

    final RoutingTableBuilder builder = new RoutingTableBuilder(RoutingSettings.defaults(), HOSTS);

    RoutingTable build(AppInfo... apps) {
        return builder.build(List.of(apps));
    }

    @Test
    void aPlainAppGetsAFrontendAndBackendPerServicePortWithMarathonLbNames() {
        RoutingTable table = build(info(app("/shop/web", 10001, 10002), running("t1", "a1", 31001, 31002)));

        assertThat(table.frontends()).containsExactly(
                new ServiceFrontend("shop_web_10001", "/shop/web", 0, "*", 10001, ProxyMode.TCP, null,
                        "shop_web_10001"),
                new ServiceFrontend("shop_web_10002", "/shop/web", 1, "*", 10002, ProxyMode.TCP, null,
                        "shop_web_10002"));
        assertThat(table.backends()).containsExactly(
                new Backend("shop_web_10001", "/shop/web", 0, 10001, ProxyMode.TCP, "roundrobin", false, null,
                        List.of(new Server("t1", "a1", "10.0.0.1", 31001, 1, ServerState.READY))),
                new Backend("shop_web_10002", "/shop/web", 1, 10002, ProxyMode.TCP, "roundrobin", false, null,
                        List.of(new Server("t1", "a1", "10.0.0.1", 31002, 1, ServerState.READY))));
        assertThat(table.vhosts()).isEmpty();
        assertThat(table.problems()).isEmpty();
    }

    @Test
    void portMappingsTakePrecedenceOverPortDefinitions() {
        RoutingTable table = build(info(bridged("/b", mapping(8080, 0, 10010), mapping(9000, 0, 10011))
                .portDefinitions(List.of(new io.mpaas.protocol.marathon.PortDefinition(10099, "tcp", null, null))),
                running("t1", "a1", 31000, 31001)));

        assertThat(table.backends()).extracting(Backend::servicePort).containsExactly(10010, 10011);
        // Bridge networking: the host's address and the task's host ports.
        assertThat(table.backends().get(1).servers()).extracting(Server::ip, Server::port)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("10.0.0.1", 31001));
    }

    @Test
    void anAppWithoutPortsIsNotRoutedAndNotReported() {
        RoutingTable table = build(info(app("/worker").labels(labels("HAPROXY_0_VHOST", "x.example.com")),
                running("t1", "a1")));

        assertThat(table.backends()).isEmpty();
        assertThat(table.problems()).isEmpty();
    }

    @Test
    void aPortWithoutServicePortIsReportedUnlessAPortLabelGivesOne() {
        RoutingTable table = build(info(bridged("/c", mapping(80, null, 0), mapping(81, null, 0))
                .labels(labels("HAPROXY_1_PORT", "10500"))));

        assertThat(table.backends()).extracting(Backend::name).containsExactly("c_10500");
        assertThat(table.problems()).containsExactly(
                new AppProblem("/c", null, "port index 0 has no service port; left out"));
    }

    @Test
    void backendsWithoutServersAreKeptSoScalingUpNeedsNoReload() {
        RoutingTable table = build(info(app("/idle", 10003).instances(0)));

        assertThat(table.backends()).singleElement().satisfies(b -> assertThat(b.servers()).isEmpty());
        assertThat(table.frontends()).hasSize(1);
    }

    @Test
    void namesKeepOnlyCharactersHaproxyAllows() {
        RoutingTable table = build(info(app("/a/b.c/d-e", 10004)));

        assertThat(table.backends()).extracting(Backend::name).containsExactly("a_b.c_d-e_10004");
    }

    @Test
    void appsWithoutGroupLabelsAreExternalAndServedByDefault() {
        RoutingTable table = build(
                info(app("/plain", 10001)),
                info(app("/ext", 10002).labels(labels("HAPROXY_GROUP", "external"))),
                info(app("/int", 10003).labels(labels("HAPROXY_GROUP", "internal"))),
                info(app("/both", 10004).labels(labels("HAPROXY_GROUP", "internal, external"))));

        assertThat(table.appIds()).containsExactly("/both", "/ext", "/plain");
    }

    @Test
    void aPortGroupOverridesTheAppGroup() {
        RoutingTable table = build(info(app("/mixed", 10001, 10002, 10003).labels(labels(
                "HAPROXY_GROUP", "internal",
                "HAPROXY_1_GROUP", "external"))));

        assertThat(table.backends()).extracting(Backend::portIndex).containsExactly(1);
    }

    @Test
    void anInternalGatewayServesOnlyItsGroupAndAStarGatewayServesEverything() {
        List<AppInfo> apps = List.of(
                info(app("/plain", 10001)),
                info(app("/int", 10002).labels(labels("HAPROXY_GROUP", "internal"))),
                info(app("/other", 10003).labels(labels("HAPROXY_GROUP", "other"))));

        RoutingTable internal = new RoutingTableBuilder(new RoutingSettings("internal", null, null, null), HOSTS)
                .build(apps);
        RoutingTable all = new RoutingTableBuilder(new RoutingSettings("*", null, null, null), HOSTS).build(apps);

        assertThat(internal.appIds()).containsExactly("/int");
        assertThat(all.appIds()).containsExactly("/int", "/other", "/plain");
    }

    @Test
    void labelsOfAppsOfAnotherGroupAreNotReported() {
        RoutingTable table = build(info(app("/int", 10002).labels(labels(
                "HAPROXY_GROUP", "internal", "HAPROXY_0_BALANCE", "bogus"))));

        assertThat(table.problems()).isEmpty();
    }

    @Test
    void theLaterOfTwoAppsBindingOnePortIsLeftOutAndReported() {
        RoutingTable table = build(
                info(app("/b", 10005, 10006)),
                info(app("/a", 10001).labels(labels("HAPROXY_0_PORT", "10006"))),
                info(app("/c", 10005)));

        assertThat(table.backends()).extracting(Backend::name).containsExactly("a_10006", "b_10005");
        assertThat(table.problems()).containsExactly(
                new AppProblem("/b", null, "port index 1: port 10006 is already bound by a_10006; left out"),
                new AppProblem("/c", null, "port index 0: port 10005 is already bound by b_10005; left out"));
    }

    @Test
    void reservedPortsCannotBeBound() {
        RoutingTable table = build(
                info(app("/web", 80, 10001)),
                info(app("/stats", 10002).labels(labels("HAPROXY_0_PORT", "9090"))));

        assertThat(table.backends()).extracting(Backend::name).containsExactly("web_10001");
        assertThat(table.problems()).containsExactly(
                new AppProblem("/stats", "HAPROXY_0_PORT",
                        "port index 0: port 9090 is reserved for the gateway itself; left out"),
                new AppProblem("/web", null, "port index 0: port 80 is reserved for the gateway itself; left out"));
    }

    @Test
    void reservedPortsAreConfigurable() {
        RoutingTable table = new RoutingTableBuilder(new RoutingSettings(null, Set.of(10001), null, null), HOSTS)
                .build(List.of(info(app("/web", 80, 10001))));

        assertThat(table.backends()).extracting(Backend::servicePort).containsExactly(80);
    }

    @Test
    void aVirtualHostClaimedTwiceGoesToTheFirstApp() {
        RoutingTable table = build(
                info(app("/b", 10002).labels(labels("HAPROXY_0_VHOST", "shop.example.com,b.example.com"))),
                info(app("/a", 10001).labels(labels("HAPROXY_0_VHOST", "shop.example.com"))),
                info(app("/c", 10003).labels(labels("HAPROXY_0_VHOST", "shop.example.com",
                        "HAPROXY_0_PATH", "/api"))));

        assertThat(table.vhosts()).extracting(VhostRoute::host, VhostRoute::path, VhostRoute::backend)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("shop.example.com", null, "a_10001"),
                        org.assertj.core.groups.Tuple.tuple("b.example.com", null, "b_10002"),
                        org.assertj.core.groups.Tuple.tuple("shop.example.com", "/api", "c_10003"));
        assertThat(table.problems()).containsExactly(new AppProblem("/b", "HAPROXY_0_VHOST",
                "HAPROXY_0_VHOST: shop.example.com is already routed to a_10001; left out for this port"));
        assertThat(table.backends()).hasSize(3);
    }

    @Test
    void badLabelsAffectOnlyTheirOwnApp() {
        RoutingTable good = build(info(app("/good", 10001).labels(labels("HAPROXY_0_VHOST", "good.example.com")),
                running("g1", "a1", 31000)));
        RoutingTable mixed = build(
                info(app("/good", 10001).labels(labels("HAPROXY_0_VHOST", "good.example.com")),
                        running("g1", "a1", 31000)),
                info(app("/bad", 10002).labels(labels(
                        "HAPROXY_0_VHOST", "bad host\nbackend evil",
                        "HAPROXY_0_BALANCE", "roundrobin\n  server evil 1.2.3.4:80",
                        "HAPROXY_0_BACKEND_HEAD", "http-request deny",
                        "HAPROXY_7_MODE", "http")), running("b1", "a2", 31001)));

        assertThat(mixed.without(Set.of("/bad"), List.of()).backends()).isEqualTo(good.backends());
        assertThat(mixed.vhosts()).isEqualTo(good.vhosts());
        assertThat(mixed.backends()).filteredOn(b -> b.appId().equals("/bad")).singleElement()
                .satisfies(b -> {
                    assertThat(b.balance()).isEqualTo("roundrobin");
                    assertThat(b.servers()).hasSize(1);
                });
        assertThat(mixed.problems()).extracting(AppProblem::label).containsExactly(
                "HAPROXY_0_BACKEND_HEAD", "HAPROXY_0_BALANCE", "HAPROXY_0_VHOST", "HAPROXY_7_MODE");
        assertThat(mixed.problems()).allSatisfy(p -> {
            assertThat(p.appId()).isEqualTo("/bad");
            assertThat(p.message()).startsWith(p.label()).doesNotContain("\n");
        });
    }

    @Test
    void theOutputDoesNotDependOnTheOrderOfAppsTasksOrLabels() {
        List<AppInfo> apps = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Map<String, String> labels = new HashMap<>(labels("HAPROXY_0_VHOST", "h" + (i % 7) + ".example.com",
                    "HAPROXY_0_BALANCE", i % 2 == 0 ? "leastconn" : "nonsense", "HAPROXY_9_X", "y"));
            List<MarathonTask> tasks = new ArrayList<>();
            for (int t = 0; t < 5; t++) {
                tasks.add(running("app" + i + ".t" + t, t % 2 == 0 ? "a1" : "unknown-host", 31000 + t));
            }
            Collections.shuffle(tasks, new Random(i));
            apps.add(info(app("/app" + i, 10000 + (i % 20)).labels(labels),
                    tasks.toArray(MarathonTask[]::new)));
        }
        RoutingTable first = builder.build(apps);
        for (int seed = 0; seed < 5; seed++) {
            List<AppInfo> shuffled = new ArrayList<>(apps);
            Collections.shuffle(shuffled, new Random(seed));
            assertThat(builder.build(shuffled)).isEqualTo(first);
        }
        assertThat(first.backends()).isSortedAccordingTo(java.util.Comparator.comparing(Backend::appId)
                .thenComparing(Backend::portIndex));
        assertThat(first.backends()).allSatisfy(b -> assertThat(b.servers())
                .isSortedAccordingTo(java.util.Comparator.comparing(Server::taskId)));
    }

    @Test
    void aThousandAppsWithTenThousandTasksBuildQuickly() {
        List<AppInfo> apps = new ArrayList<>();
        Map<String, String> hosts = new HashMap<>();
        for (int h = 0; h < 200; h++) {
            hosts.put("agent" + h, "10.1." + (h / 250) + "." + (h % 250 + 1));
        }
        for (int i = 0; i < 1000; i++) {
            MarathonTask[] tasks = new MarathonTask[10];
            for (int t = 0; t < 10; t++) {
                tasks[t] = running("/app" + i + ".t" + t, "agent" + ((i * 10 + t) % 200), 31000 + t, 31100 + t);
            }
            apps.add(info(app("/app" + i, 10000 + 2 * i, 10001 + 2 * i)
                    .labels(labels("HAPROXY_0_VHOST", "app" + i + ".example.com")), tasks));
        }
        RoutingTableBuilder fast = new RoutingTableBuilder(RoutingSettings.defaults(), HostResolver.fixed(hosts));
        fast.build(apps); // warm up

        long start = System.nanoTime();
        RoutingTable table = fast.build(apps);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(table.backends()).hasSize(2000);
        assertThat(table.backends()).allSatisfy(b -> assertThat(b.servers()).hasSize(10));
        assertThat(table.vhosts()).hasSize(1000);
        assertThat(table.problems()).isEmpty();
        assertThat(millis).as("build time in ms").isLessThan(2000);
    }

    @Test
    void aNullOrIdlessAppIsReportedAndSkipped() {
        List<AppInfo> apps = new ArrayList<>();
        apps.add(null);
        apps.add(info(app("/ok", 10001)));
        RoutingTable table = builder.build(apps);

        assertThat(table.appIds()).containsExactly("/ok");
        assertThat(table.problems()).containsExactly(new AppProblem(null, null, "an app without an id is left out"));
        assertThat(builder.build(null)).isEqualTo(RoutingTable.EMPTY);
    }
}
