package io.mpaas.marathon.health;

import io.mpaas.marathon.event.Events;
import io.mpaas.marathon.group.RootGroup;
import io.mpaas.marathon.ha.LeaderWork;
import io.mpaas.marathon.instance.InstanceView;
import java.time.Clock;
import java.util.function.Supplier;
import org.springframework.core.annotation.Order;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The health feature's beans: probes, the checking loop and readiness checks, which run only
 * while this marathon leads (started after the scheduler's term has loaded the instances).
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

    @Bean
    HealthChecker healthChecker(InstanceView instances, HealthCheckProbe probe, HealthSink sink, Events events,
            Clock clock, HealthProperties properties) {
        return new HealthChecker(instances, probe, sink, events, clock, properties);
    }

    @Bean(destroyMethod = "stop")
    MarathonHealthChecks marathonHealthChecks(Supplier<RootGroup> root, HealthChecker checker, Clock clock,
            HealthProperties properties) {
        return new MarathonHealthChecks(root, checker, clock, properties);
    }

    @Bean
    HealthCheckMetrics healthCheckMetrics(MarathonHealthChecks loop, HealthChecker checker) {
        return new HealthCheckMetrics(loop, checker);
    }

    /** Health and readiness checks run while this marathon leads, after the scheduler's state is loaded. */
    @Bean
    @Order(10)
    LeaderWork healthCheckTerm(MarathonHealthChecks checks, ReadinessChecks readiness) {
        return new LeaderWork() {
            @Override
            public void onElected() {
                checks.start();
                readiness.start();
            }

            @Override
            public void onRevoked() {
                readiness.stop();
                checks.stop();
            }
        };
    }
}
