package io.mpaas.marathon.health;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The health feature's beans that need nothing from other features. The checking loop itself
 * ({@link HealthChecker}, {@link MarathonHealthChecks}, {@link HealthCheckMetrics}) needs the
 * instance view, the health sink and the event bus, and is wired where those are.
 */
@Configuration(proxyBeanMethods = false)
class HealthConfiguration {

    @Bean
    HealthCheckProbe healthCheckProbe() {
        return new SocketProbe();
    }

    @Bean
    ReadinessChecks readinessChecks(Clock clock, HealthProperties properties) {
        return new ReadinessChecks(clock, properties);
    }
}
