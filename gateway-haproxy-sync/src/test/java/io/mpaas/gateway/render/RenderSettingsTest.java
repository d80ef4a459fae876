package io.mpaas.gateway.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RenderSettingsTest {

    @Test
    void defaults() {
        RenderSettings s = RenderSettings.DEFAULTS;

        assertThat(s.templatesDir()).isNull();
        assertThat(s.httpPort()).isEqualTo(80);
        assertThat(s.httpsPort()).isEqualTo(443);
        assertThat(s.bindAddress()).isEqualTo("*");
        assertThat(s.statsPort()).isEqualTo(9090);
        assertThat(s.statsUser()).isEqualTo("admin");
        assertThat(s.statsPassword()).isNull();
        assertThat(s.statsProtected()).isFalse();
        assertThat(s.adminSocket()).isEqualTo("/run/haproxy/admin.sock");
        assertThat(s.maxconn()).isBetween(256, 50_000).isEqualTo(RenderSettings.defaultMaxconn());
        assertThat(s.hardStopAfter()).isEqualTo(Duration.ofMinutes(2));
        assertThat(s.serverStateFile()).isNull();
        assertThat(s.defaultSslCert()).isNull();
    }

    @Test
    void aBlankPasswordLeavesTheStatsPageUnprotected() {
        assertThat(new RenderSettings(null, 0, 0, null, 0, "u", "  ", null, 0, null, null, null).statsProtected()).isFalse();
        assertThat(new RenderSettings(null, 0, 0, null, 0, "u", "p", null, 0, null, null, null).statsProtected()).isTrue();
    }

    @Test
    void aUserWithAColonIsRefused() {
        assertThatThrownBy(() -> new RenderSettings(null, 0, 0, null, 0, "a:b", "p", null, 0, null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stats-user");
    }

    @Test
    void outOfRangeValuesAreRefused() {
        assertThatThrownBy(() -> new RenderSettings(null, 70_000, 0, null, 0, null, null, null, 0, null, null, null))
                .hasMessageContaining("httpPort");
        assertThatThrownBy(() -> new RenderSettings(null, 0, 0, null, 0, null, null, null, -1, null, null, null))
                .hasMessageContaining("maxconn");
        assertThatThrownBy(() -> new RenderSettings(null, 0, 0, null, 0, null, null, null, 0, Duration.ZERO, null, null))
                .hasMessageContaining("hard-stop-after");
    }
}
