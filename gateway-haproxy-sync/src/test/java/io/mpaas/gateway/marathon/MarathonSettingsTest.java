package io.mpaas.gateway.marathon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class MarathonSettingsTest {

    private static MarathonSettings bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("gateway.marathon", MarathonSettings.class);
    }

    @Test
    void defaultsWithoutAnyProperty() {
        MarathonSettings settings = bind(Map.of());
        assertThat(settings).isEqualTo(MarathonSettings.defaults());
        assertThat(settings.urls()).containsExactly(URI.create("http://localhost:8080"));
        assertThat(settings.username()).isNull();
        assertThat(settings.resyncInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.reconnect()).isEqualTo(new MarathonSettings.Reconnect(Duration.ofMillis(200), 2.0,
                Duration.ofSeconds(10), Duration.ofSeconds(60)));
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.streamIdleTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.detectsIdleStreams()).isTrue();
    }

    @Test
    void bindsEveryProperty() {
        MarathonSettings settings = bind(Map.of(
                "gateway.marathon.urls", "http://m1:8080,https://m2:8443/prefix",
                "gateway.marathon.username", "gw",
                "gateway.marathon.password", "pw",
                "gateway.marathon.resync-interval", "5m",
                "gateway.marathon.reconnect.initial", "1s",
                "gateway.marathon.reconnect.factor", "1.5",
                "gateway.marathon.reconnect.max", "30s",
                "gateway.marathon.stream-idle-timeout", "0s"));
        assertThat(settings.urls()).containsExactly(URI.create("http://m1:8080"), URI.create("https://m2:8443/prefix"));
        assertThat(settings.hasCredentials()).isTrue();
        assertThat(settings.resyncInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.reconnect()).isEqualTo(new MarathonSettings.Reconnect(Duration.ofSeconds(1), 1.5,
                Duration.ofSeconds(30), Duration.ofSeconds(60)));
        assertThat(settings.detectsIdleStreams()).isFalse();
    }

    @Test
    void backoffDoublesUpToItsMaximum() {
        MarathonSettings.Reconnect reconnect = MarathonSettings.defaults().reconnect();
        assertThat(List.of(1, 2, 3, 4, 5, 6, 7, 50, 5000).stream().map(reconnect::delay).map(Duration::toMillis))
                .containsExactly(200L, 400L, 800L, 1600L, 3200L, 6400L, 10000L, 10000L, 10000L);
        assertThat(reconnect.delay(0)).isZero();
    }

    @Test
    void thePasswordNeverShows() {
        MarathonSettings settings = new MarathonSettings(null, "gw", "s3cret", null, null, null, null, null);
        assertThat(settings.toString()).contains("gw").doesNotContain("s3cret");
    }

    @Test
    void credentialsInAUrlAreRefusedWithoutRepeatingThem() {
        assertThatThrownBy(() -> new MarathonSettings(List.of(URI.create("http://gw:s3cret@m1:8080")), null, null,
                null, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("urls[0]")
                .message().doesNotContain("s3cret");
    }

    @Test
    void badValuesAreRefused() {
        assertThatThrownBy(() -> new MarathonSettings(List.of(URI.create("ftp://m1")), null, null, null, null, null,
                null, null)).hasMessageContaining("http or https");
        assertThatThrownBy(() -> new MarathonSettings(null, null, "pw", null, null, null, null, null))
                .hasMessageContaining("username");
        assertThatThrownBy(() -> new MarathonSettings(null, null, null, Duration.ZERO, null, null, null, null))
                .hasMessageContaining("resync-interval");
        assertThatThrownBy(() -> new MarathonSettings.Reconnect(null, 0.5, null, null))
                .hasMessageContaining("factor");
        assertThatThrownBy(() -> new MarathonSettings.Reconnect(Duration.ofSeconds(20), null, null, null))
                .hasMessageContaining("max");
    }
}
