package io.mpaas.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class RoutingSettingsTest {

    static RoutingSettings bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("gateway.routing", RoutingSettings.class);
    }

    @Test
    void defaultsServeExternalAndReserveTheGatewaysOwnPorts() {
        RoutingSettings settings = bind(Map.of());

        assertThat(settings).isEqualTo(RoutingSettings.defaults());
        assertThat(settings.group()).isEqualTo("external");
        assertThat(settings.reservedPorts()).containsExactly(80, 443, 8090, 9090);
        assertThat(settings.hostCacheTtl()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.hostRetryInterval()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void propertiesAreBoundByTheirKebabNames() {
        RoutingSettings settings = bind(Map.of(
                "gateway.routing.group", "internal",
                "gateway.routing.reserved-ports", "80,443,9000",
                "gateway.routing.host-cache-ttl", "5m",
                "gateway.routing.host-retry-interval", "2s"));

        assertThat(settings).isEqualTo(new RoutingSettings("internal", Set.of(80, 443, 9000), Duration.ofMinutes(5),
                Duration.ofSeconds(2)));
    }

    @Test
    void theStarGroupServesEveryGroup() {
        RoutingSettings all = new RoutingSettings("*", null, null, null);

        assertThat(all.serves(List.of("anything"))).isTrue();
        assertThat(RoutingSettings.defaults().serves(List.of("internal"))).isFalse();
        assertThat(RoutingSettings.defaults().serves(List.of("internal", "external"))).isTrue();
    }

    @Test
    void nonsenseIsRefusedAtStartUp() {
        assertThatThrownBy(() -> new RoutingSettings("a,b", null, null, null))
                .hasMessageContaining("one group");
        assertThatThrownBy(() -> new RoutingSettings(null, Set.of(0), null, null))
                .hasMessageContaining("reserved-ports");
        assertThatThrownBy(() -> new RoutingSettings(null, null, Duration.ZERO, null))
                .hasMessageContaining("host-cache-ttl");
    }
}
