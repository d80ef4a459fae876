package io.mpaas.marathon.health;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.concurrent.TimeUnit;

/**
 * The health checker's counters as Micrometer meters (on {@code /actuator/prometheus}), so an
 * operator sees whether the leader keeps up: {@code marathon.health.behind} growing means checks
 * run later than their interval asks (raise {@code marathon.health.max-concurrent} or lengthen
 * intervals).
 */
public final class HealthCheckMetrics implements MeterBinder {

    private final MarathonHealthChecks loop;
    private final HealthChecker checker;

    public HealthCheckMetrics(MarathonHealthChecks loop, HealthChecker checker) {
        this.loop = loop;
        this.checker = checker;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("marathon.health.checks", checker, HealthChecker::checksRun)
                .description("Marathon-run health probes run").register(registry);
        FunctionCounter.builder("marathon.health.failures", checker, HealthChecker::failures)
                .description("Health check failures that counted (outside grace periods)").register(registry);
        FunctionCounter.builder("marathon.health.kills", checker, HealthChecker::kills)
                .description("Instances killed for failing their health checks").register(registry);
        FunctionCounter.builder("marathon.health.kills.postponed", checker, HealthChecker::killsPostponed)
                .description("Health check kills held back to keep the minimum health capacity").register(registry);
        FunctionCounter.builder("marathon.health.skipped", loop, MarathonHealthChecks::skippedRuns)
                .description("Check runs skipped because a check fell a whole interval behind").register(registry);
        Gauge.builder("marathon.health.in.flight", checker, HealthChecker::probesInFlight)
                .description("Health probes running now").register(registry);
        TimeGauge.builder("marathon.health.behind", loop, TimeUnit.MILLISECONDS,
                        l -> l.behindSchedule().toMillis())
                .description("How late the latest due health check was at the last tick").register(registry);
    }
}
