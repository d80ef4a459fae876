package io.mpaas.gateway.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mpaas.protocol.gateway.Backend;
import io.mpaas.protocol.gateway.ProxyMode;
import io.mpaas.protocol.gateway.RoutingTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Behaviour the goldens do not show: overrides changing between renders, errors, ordering. */
class HaproxyConfigRendererTest {

    private static final RoutingTable TCP = RenderCases.tcpApp("/db/redis", 10001, "*", null);

    @TempDir
    Path dir;

    private HaproxyConfigRenderer rendererWithOverrides() {
        return new HaproxyConfigRenderer(RenderCases.settings(dir, 0, 0, null, 0, null, Duration.ofMinutes(2), null));
    }

    private Path override(ConfigTemplate name, String text, FileTime modified) throws IOException {
        Path file = dir.resolve(name.fileName());
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, modified);
        return file;
    }

    @Test
    void anEditedOverrideIsReadAtTheNextRenderAndARemovedOneGivesWayToTheBuiltIn() throws IOException {
        HaproxyConfigRenderer renderer = rendererWithOverrides();
        Path file = override(ConfigTemplate.HAPROXY_BACKEND_SERVER,
                "  server ${name} ${address} weight ${weight} maxconn 10${options}\n", FileTime.fromMillis(1_000_000));
        assertThat(renderer.render(TCP, Map.of())).contains("  server s1 10.0.0.1:31001 weight 1 maxconn 10\n");

        override(ConfigTemplate.HAPROXY_BACKEND_SERVER,
                "  server ${name} ${address} weight ${weight} maxconn 99${options}\n", FileTime.fromMillis(2_000_000));
        assertThat(renderer.render(TCP, Map.of())).contains("  server s1 10.0.0.1:31001 weight 1 maxconn 99\n");

        Files.delete(file);
        assertThat(renderer.render(TCP, Map.of())).contains("  server s1 10.0.0.1:31001 weight 1\n");
    }

    @Test
    void anOverrideIsNotReadAgainWhileItsTimeAndSizeStayTheSame() throws IOException {
        HaproxyConfigRenderer renderer = rendererWithOverrides();
        FileTime t = FileTime.fromMillis(1_000_000);
        override(ConfigTemplate.HAPROXY_BACKEND_SERVER, "  server ${name} ${address} weight ${weight} AAAA${options}\n", t);
        renderer.render(TCP, Map.of());

        override(ConfigTemplate.HAPROXY_BACKEND_SERVER, "  server ${name} ${address} weight ${weight} BBBB${options}\n", t);

        assertThat(renderer.render(TCP, Map.of())).contains("AAAA").doesNotContain("BBBB");
    }

    @Test
    void anOverrideWithABadDirectiveStillRendersForHaproxyToRefuse() throws IOException {
        override(ConfigTemplate.HAPROXY_BACKEND_HEAD,
                "\nbackend ${name}\n  balance ${balance}\n  mode ${mode}\n  no-such-directive 42\n", FileTime.fromMillis(1));

        String text = rendererWithOverrides().render(TCP, Map.of());

        assertThat(text).contains("backend _db_redis_10001\n  balance roundrobin\n  mode tcp\n  no-such-directive 42\n");
    }

    @Test
    void anOverrideWithAnUnknownPlaceholderIsAClearError() throws IOException {
        override(ConfigTemplate.HAPROXY_FRONTEND_HEAD, "\nfrontend ${name}\n  bind ${bindAddr}:${port}\n",
                FileTime.fromMillis(1));

        assertThatThrownBy(() -> rendererWithOverrides().render(TCP, Map.of()))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith("template HAPROXY_FRONTEND_HEAD: unknown placeholder ${bindAddr}");
    }

    @Test
    void everyTemplateHasABuiltInText() {
        TemplateLibrary library = new TemplateLibrary(null);
        for (ConfigTemplate t : ConfigTemplate.values()) {
            assertThat(library.get(t).text()).as(t.name()).isNotBlank();
        }
    }

    @Test
    void aLineBreakInAHostRefusesTheRenderNamingTheApp() {
        RoutingTable table = RenderCases.vhostApp(List.of(
                RenderCases.route("a.com\n  stats admin if TRUE", null, "/evil", 10040, 0, false, null)));

        assertThatThrownBy(() -> new HaproxyConfigRenderer(RenderCases.SETTINGS).render(table, Map.of()))
                .isInstanceOf(RenderRefusedException.class)
                .satisfies(e -> assertThat(((RenderRefusedException) e).appId()).isEqualTo("/evil"));
    }

    @Test
    void theOrderOfFrontendsAndBackendsInTheTableDoesNotChangeTheText() {
        RoutingTable a = RenderCases.tcpApp("/a", 10001, "*", null);
        RoutingTable b = RenderCases.tcpApp("/b", 10002, "*", null);
        RoutingTable ab = new RoutingTable(List.of(a.frontends().getFirst(), b.frontends().getFirst()), List.of(),
                List.of(a.backends().getFirst(), b.backends().getFirst()), List.of());
        RoutingTable ba = new RoutingTable(List.of(b.frontends().getFirst(), a.frontends().getFirst()), List.of(),
                List.of(b.backends().getFirst(), a.backends().getFirst()), List.of());
        HaproxyConfigRenderer renderer = new HaproxyConfigRenderer(RenderCases.SETTINGS);

        assertThat(renderer.render(ab, Map.of())).isEqualTo(renderer.render(ba, Map.of()));
    }

    @Test
    void aBackendWithoutSlotsGetsItsServersAsS1ToSnAndSlotsOfUnknownBackendsAreIgnored() {
        Backend b = TCP.backends().getFirst();
        String text = new HaproxyConfigRenderer(RenderCases.SETTINGS)
                .render(TCP, Map.of("_gone_1", List.of(ServerSlot.free("s1"))));

        assertThat(text).contains("  server s1 10.0.0.1:31001 weight 1\n  server s2 10.0.0.2:31002 weight 1\n")
                .doesNotContain("_gone_1").doesNotContain("disabled");
        assertThat(BackendSections.slotsOf(b)).extracting(ServerSlot::name).containsExactly("s1", "s2");
    }

    @Test
    void pathsThatNameAlikeGetDistinctAcls() {
        RoutingTable table = RenderCases.vhostApp(List.of(
                RenderCases.route("x.com", "/a b", "/one", 10041, 0, false, null),
                RenderCases.route("x.com", "/a_b", "/two", 10042, 0, false, null)));

        String text = new HaproxyConfigRenderer(RenderCases.SETTINGS).render(table, Map.of());

        assertThat(text).contains("  acl path_a_b path_beg '/a b'\n", "  acl path_a_b_2 path_beg /a_b\n",
                "  use_backend _one_10041 if host_x.com path_a_b\n", "  use_backend _two_10042 if host_x.com path_a_b_2\n");
    }

    @Test
    void noHttpsFrontendWithoutACertificate() {
        RoutingTable table = RenderCases.vhostApp(List.of(RenderCases.route("x.com", null, "/one", 10041, 0, true, null)));

        String text = new HaproxyConfigRenderer(RenderCases.SETTINGS).render(table, Map.of());

        assertThat(text).contains("frontend marathon_http_in").doesNotContain("marathon_https_in");
    }

    @Test
    void aTcpBackendGetsNoHttpOptions() {
        Backend sticky = new Backend("_t_1", "/t", 0, 1, ProxyMode.TCP, null, true, null, List.of());
        String text = new HaproxyConfigRenderer(RenderCases.SETTINGS)
                .render(new RoutingTable(List.of(), List.of(), List.of(sticky), List.of()), Map.of());

        assertThat(text.substring(text.indexOf("backend _t_1")))
                .isEqualTo("backend _t_1\n  balance roundrobin\n  mode tcp\n");
    }

    @Test
    void durationsAreWrittenInTheLargestExactUnit() {
        assertThat(HaproxyConfigRenderer.haproxyTime(Duration.ofMinutes(2))).isEqualTo("2m");
        assertThat(HaproxyConfigRenderer.haproxyTime(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(HaproxyConfigRenderer.haproxyTime(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(HaproxyConfigRenderer.haproxyTime(Duration.ofHours(1))).isEqualTo("1h");
        assertThat(HaproxyConfigRenderer.haproxyTime(Duration.ofDays(2))).isEqualTo("2d");
    }
}
