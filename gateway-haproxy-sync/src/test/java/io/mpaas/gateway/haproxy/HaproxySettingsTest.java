package io.mpaas.gateway.haproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class HaproxySettingsTest {

    @Test
    void unsetPathsLiveInTheRunDirectory() {
        HaproxySettings settings = HaproxySettings.under(Path.of("/var/run/gw"), HaproxySettings.Mode.MANAGED);

        assertThat(settings.configPath()).isEqualTo(Path.of("/var/run/gw/haproxy.cfg"));
        assertThat(settings.adminSocket()).isEqualTo(Path.of("/var/run/gw/admin.sock"));
        assertThat(settings.masterSocket()).isEqualTo(Path.of("/var/run/gw/master.sock"));
        assertThat(settings.binary()).isEqualTo("haproxy");
        assertThat(settings.validateTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.reloadTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.reloadAttempts()).isEqualTo(5);
        assertThat(settings.restartBackoff()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.restartBackoffMax()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void bindsFromProperties() {
        Map<String, String> properties = Map.of(
                "gateway.haproxy.mode", "attached",
                "gateway.haproxy.binary", "/usr/sbin/haproxy",
                "gateway.haproxy.config-path", "/etc/haproxy/haproxy.cfg",
                "gateway.haproxy.master-socket", "/run/haproxy-master.sock",
                "gateway.haproxy.reload-timeout", "3s",
                "gateway.haproxy.reload-attempts", "2");

        HaproxySettings settings = new Binder(new MapConfigurationPropertySource(properties))
                .bind("gateway.haproxy", HaproxySettings.class).get();

        assertThat(settings.mode()).isEqualTo(HaproxySettings.Mode.ATTACHED);
        assertThat(settings.configPath()).isEqualTo(Path.of("/etc/haproxy/haproxy.cfg"));
        assertThat(settings.masterSocket()).isEqualTo(Path.of("/run/haproxy-master.sock"));
        assertThat(settings.reloadTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.reloadAttempts()).isEqualTo(2);
    }

    @Test
    void refusesASocketPathLongerThanLinuxAllows() {
        Path deep = Path.of("/tmp/" + "x".repeat(120));

        assertThatThrownBy(() -> HaproxySettings.under(deep, HaproxySettings.Mode.MANAGED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too long");
    }
}
