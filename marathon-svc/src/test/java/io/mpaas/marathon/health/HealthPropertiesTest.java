package io.mpaas.marathon.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

class HealthPropertiesTest {

    private static HealthProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("marathon.health", HealthProperties.class);
    }

    @Test
    void defaultsMatchMarathon() {
        assertThat(bind(Map.of())).isEqualTo(HealthProperties.defaults());
        assertThat(HealthProperties.defaults().maxConcurrent()).isEqualTo(256);
        assertThat(HealthProperties.defaults().firstCheckDelay()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void bindsEverySetting() {
        HealthProperties properties = bind(Map.of("marathon.health.max-concurrent", "1024",
                "marathon.health.tick-resolution", "250ms", "marathon.health.first-check-delay", "1s",
                "marathon.health.readiness-body-limit", "1MB"));

        assertThat(properties).isEqualTo(new HealthProperties(1024, Duration.ofMillis(250), Duration.ofSeconds(1),
                DataSize.ofMegabytes(1)));
    }

    @Test
    void refusesAConcurrencyBelowOne() {
        assertThatThrownBy(() -> bind(Map.of("marathon.health.max-concurrent", "0")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessage("marathon.health.max-concurrent must be at least 1");
    }
}
