package io.mpaas.gateway.routing;

import static io.mpaas.gateway.routing.TestApps.app;
import static io.mpaas.gateway.routing.TestApps.check;
import static io.mpaas.gateway.routing.TestApps.info;
import static io.mpaas.gateway.routing.TestApps.labels;
import static org.assertj.core.api.Assertions.assertThat;

import io.mpaas.protocol.gateway.AppProblem;
import io.mpaas.protocol.gateway.Backend;
import io.mpaas.protocol.gateway.HttpCheck;
import io.mpaas.protocol.gateway.ProxyMode;
import io.mpaas.protocol.gateway.RoutingTable;
import io.mpaas.protocol.gateway.ServiceFrontend;
import io.mpaas.protocol.gateway.VhostRoute;
import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.HealthCheck;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How labels and health checks shape one port's frontend, backend and virtual-host routes. */
class PortRoutingTest {

    final RoutingTableBuilder builder = new RoutingTableBuilder(RoutingSettings.defaults(),
            HostResolver.fixed(Map.of()));

    RoutingTable build(App.Builder app) {
        return builder.build(List.of(info(app)));
    }

    Backend backend(App.Builder app) {
        return build(app).backends().getFirst();
    }

    @Test
    void everyPortLabelReachesTheTable() {
        RoutingTable table = build(app("/shop", 10001).labels(labels(
                "HAPROXY_0_VHOST", "shop.example.com,www.shop.example.com",
                "HAPROXY_0_PATH", "/api",
                "HAPROXY_0_PORT", "10100",
                "HAPROXY_0_BALANCE", "leastconn",
                "HAPROXY_0_STICKY", "true",
                "HAPROXY_0_REDIRECT_TO_HTTPS", "true",
                "HAPROXY_0_SSL_CERT", "/etc/ssl/shop.pem",
                "HAPROXY_0_BIND_ADDR", "10.0.0.9",
                "HAPROXY_0_BACKEND_WEIGHT", "7")));

        assertThat(table.problems()).isEmpty();
        assertThat(table.frontends()).containsExactly(new ServiceFrontend("shop_10100", "/shop", 0, "10.0.0.9",
                10100, ProxyMode.HTTP, "/etc/ssl/shop.pem", "shop_10100"));
        assertThat(table.backends()).containsExactly(new Backend("shop_10100", "/shop", 0, 10100, ProxyMode.HTTP,
                "leastconn", true, null, List.of()));
        assertThat(table.vhosts()).containsExactly(
                new VhostRoute("shop.example.com", "/api", "shop_10100", "/shop", 0, 7, true, "/etc/ssl/shop.pem"),
                new VhostRoute("www.shop.example.com", "/api", "shop_10100", "/shop", 0, 7, true,
                        "/etc/ssl/shop.pem"));
    }

    @Test
    void vhostWeightDefaultsToZeroAndToOneWithAPath() {
        RoutingTable table = builder.build(List.of(
                info(app("/a", 10001).labels(labels("HAPROXY_0_VHOST", "a.example.com"))),
                info(app("/b", 10002).labels(labels("HAPROXY_0_VHOST", "a.example.com", "HAPROXY_0_PATH", "/b")))));

        assertThat(table.vhosts()).extracting(VhostRoute::weight).containsExactly(0, 1);
    }

    @Test
    void modeIsTcpByDefault() {
        assertThat(backend(app("/a", 10001)).mode()).isEqualTo(ProxyMode.TCP);
    }

    @Test
    void modeLabelIsHonoured() {
        assertThat(backend(app("/a", 10001).labels(labels("HAPROXY_0_MODE", "http"))).mode())
                .isEqualTo(ProxyMode.HTTP);
        assertThat(backend(app("/a", 10001).labels(labels("HAPROXY_0_MODE", "tcp"))).mode())
                .isEqualTo(ProxyMode.TCP);
    }

    @Test
    void aVirtualHostImpliesHttp() {
        RoutingTable table = build(app("/a", 10001).labels(labels("HAPROXY_0_VHOST", "a.example.com")));

        assertThat(table.backends().getFirst().mode()).isEqualTo(ProxyMode.HTTP);
        assertThat(table.frontends().getFirst().mode()).isEqualTo(ProxyMode.HTTP);
        assertThat(table.problems()).isEmpty();
    }

    @Test
    void explicitTcpWithAVirtualHostIsAConflictAndHttpWins() {
        RoutingTable table = build(app("/a", 10001).labels(labels(
                "HAPROXY_0_VHOST", "a.example.com", "HAPROXY_0_MODE", "tcp")));

        assertThat(table.backends().getFirst().mode()).isEqualTo(ProxyMode.HTTP);
        assertThat(table.vhosts()).hasSize(1);
        assertThat(table.problems()).containsExactly(new AppProblem("/a", "HAPROXY_0_MODE",
                "HAPROXY_0_MODE: tcp conflicts with HAPROXY_0_VHOST, which needs http; http used"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP", "MESOS_HTTP"})
    void anHttpHealthCheckForcesHttpAndBecomesHaproxysCheck(String protocol) {
        Backend backend = backend(app("/a", 10001).healthChecks(List.of(check(protocol, "/health", 0, 5, 2, 1))));

        assertThat(backend.mode()).isEqualTo(ProxyMode.HTTP);
        assertThat(backend.httpCheck()).isEqualTo(new HttpCheck("/health", 5, 2, 2));
    }

    @Test
    void explicitTcpAgainstAnHttpHealthCheckIsReportedAndHttpWins() {
        RoutingTable table = build(app("/a", 10001).labels(labels("HAPROXY_0_MODE", "tcp"))
                .healthChecks(List.of(check("HTTP", "/", 0))));

        assertThat(table.backends().getFirst().mode()).isEqualTo(ProxyMode.HTTP);
        assertThat(table.problems()).containsExactly(new AppProblem("/a", "HAPROXY_0_MODE",
                "HAPROXY_0_MODE: tcp conflicts with the app's HTTP health check of port index 0; http used"));
    }

    @Test
    void marathonsDefaultsFillAHealthCheckLeftOpen() {
        Backend backend = backend(app("/a", 10001).healthChecks(List.of(check("HTTP", null, null))));

        assertThat(backend.httpCheck()).isEqualTo(new HttpCheck("/", 60, 20, 4));
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTPS", "MESOS_HTTPS", "TCP", "MESOS_TCP", "COMMAND"})
    void otherHealthChecksNeitherForceHttpNorBecomeHaproxysCheck(String protocol) {
        Backend backend = backend(app("/a", 10001).healthChecks(List.of(check(protocol, "/health", 0))));

        assertThat(backend.mode()).isEqualTo(ProxyMode.TCP);
        assertThat(backend.httpCheck()).isNull();
    }

    @Test
    void theFirstHttpCheckOfEachPortIndexIsUsed() {
        RoutingTable table = build(app("/a", 10001, 10002, 10003).healthChecks(List.of(
                check("HTTPS", "/tls", 0),
                check("TCP", null, 1),
                check("HTTP", "/one", 1),
                check("HTTP", "/zero", null),
                check("HTTP", "/zero-again", 0),
                check("MESOS_HTTP", "/one-again", 1))));

        assertThat(table.backends()).extracting(Backend::httpCheck).extracting(c -> c == null ? null : c.path())
                .containsExactly("/zero", "/one", null);
        assertThat(table.backends()).extracting(Backend::mode)
                .containsExactly(ProxyMode.HTTP, ProxyMode.HTTP, ProxyMode.TCP);
    }

    @Test
    void aCheckOfAFixedPortIsNotAServicePortsCheck() {
        HealthCheck fixedPort = new HealthCheck("HTTP", "/", null, 8081, null, null, null, null, null, null, null,
                null);

        assertThat(backend(app("/a", 10001).healthChecks(List.of(fixedPort))).httpCheck()).isNull();
    }

    @Test
    void aHealthCheckPathThatCouldInjectConfigurationIsReportedAndNotChecked() {
        RoutingTable table = build(app("/a", 10001).healthChecks(List.of(
                check("HTTP", "/health\n  server evil 1.2.3.4:80", 0))));

        assertThat(table.backends().getFirst().httpCheck()).isNull();
        assertThat(table.backends().getFirst().mode()).isEqualTo(ProxyMode.HTTP);
        assertThat(table.problems()).singleElement().satisfies(p -> {
            assertThat(p.label()).isNull();
            assertThat(p.message()).startsWith("healthChecks[0].path '/health?  server").doesNotContain("\n");
        });
    }

    @Test
    void aHealthCheckWithAQueryIsAccepted() {
        assertThat(backend(app("/a", 10001).healthChecks(List.of(check("HTTP", "/health?full=1", 0))))
                .httpCheck().path()).isEqualTo("/health?full=1");
    }

    @Test
    void zeroToleratedFailuresMeanOneFailedCheckTakesAServerDown() {
        assertThat(backend(app("/a", 10001).healthChecks(List.of(check("HTTP", "/", 0, 0, 0, 0)))).httpCheck())
                .isEqualTo(new HttpCheck("/", 60, 20, 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"uri", "url_param id", "hdr(Host)"})
    void requestHashingBalanceNeedsHttp(String balance) {
        RoutingTable tcp = build(app("/a", 10001).labels(labels("HAPROXY_0_BALANCE", balance)));
        RoutingTable http = build(app("/a", 10001).labels(labels("HAPROXY_0_BALANCE", balance,
                "HAPROXY_0_MODE", "http")));

        assertThat(tcp.backends().getFirst().balance()).isEqualTo("roundrobin");
        assertThat(tcp.problems()).extracting(AppProblem::label).containsExactly("HAPROXY_0_BALANCE");
        assertThat(http.backends().getFirst().balance()).isEqualTo(balance);
        assertThat(http.problems()).isEmpty();
    }

    @Test
    void stickinessNeedsHttp() {
        RoutingTable tcp = build(app("/a", 10001).labels(labels("HAPROXY_0_STICKY", "true")));

        assertThat(tcp.backends().getFirst().sticky()).isFalse();
        assertThat(tcp.problems()).containsExactly(new AppProblem("/a", "HAPROXY_0_STICKY",
                "HAPROXY_0_STICKY needs http mode (a cookie), but the port is in tcp mode; ignored"));
    }

    @Test
    void labelsApplyToTheirOwnPortOnly() {
        RoutingTable table = build(app("/a", 10001, 10002).labels(labels(
                "HAPROXY_1_VHOST", "one.example.com", "HAPROXY_0_BALANCE", "source")));

        assertThat(table.backends()).extracting(Backend::mode, Backend::balance).containsExactly(
                org.assertj.core.groups.Tuple.tuple(ProxyMode.TCP, "source"),
                org.assertj.core.groups.Tuple.tuple(ProxyMode.HTTP, "roundrobin"));
        assertThat(table.vhosts()).extracting(VhostRoute::portIndex, VhostRoute::backend)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "a_10002"));
    }

    @Test
    void aRejectedLabelFallsBackToItsDefault() {
        RoutingTable table = build(app("/a", 10001).labels(labels(
                "HAPROXY_0_PORT", "99999", "HAPROXY_0_BIND_ADDR", "not an address", "HAPROXY_0_MODE", "udp")));

        assertThat(table.frontends()).containsExactly(new ServiceFrontend("a_10001", "/a", 0, "*", 10001,
                ProxyMode.TCP, null, "a_10001"));
        assertThat(table.problems()).hasSize(3);
    }
}
