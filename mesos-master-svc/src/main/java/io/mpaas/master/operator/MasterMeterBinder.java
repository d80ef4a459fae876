package io.mpaas.master.operator;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Publishes the key Mesos metrics to Micrometer, so that {@code /actuator/prometheus} carries them
 * ({@code master/slaves_active} becomes {@code mesos_master_slaves_active}) and existing Mesos
 * dashboards and alerts translate directly. Gauges read a shared sample, never the lock each.
 */
@Component
public class MasterMeterBinder implements MeterBinder {

    /** The metrics people alert on (Mesos's recommended ones) and capacity dashboards plot. */
    static final List<String> PUBLISHED = List.of("master/elected", "master/uptime_secs", "master/slaves_active",
            "master/slaves_connected", "master/slaves_disconnected", "master/slaves_inactive",
            "master/slaves_unreachable", "master/frameworks_active", "master/frameworks_connected",
            "master/frameworks_disconnected", "master/frameworks_inactive", "master/tasks_staging",
            "master/tasks_starting", "master/tasks_running", "master/tasks_killing", "master/tasks_unreachable",
            "master/tasks_finished", "master/tasks_failed", "master/tasks_killed", "master/tasks_lost",
            "master/tasks_error", "master/tasks_dropped", "master/tasks_gone", "master/cpus_total",
            "master/cpus_used", "master/cpus_percent", "master/mem_total", "master/mem_used", "master/mem_percent",
            "master/disk_total", "master/disk_used", "master/disk_percent", "master/gpus_total", "master/gpus_used",
            "master/gpus_percent", "master/outstanding_offers", "master/slave_registrations",
            "master/slave_reregistrations", "master/slave_removals", "allocator/mesos/allocation_runs",
            "allocator/mesos/allocation_run_ms");

    private final MasterMetrics metrics;

    public MasterMeterBinder(MasterMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String name : PUBLISHED) {
            Gauge.builder(meterName(name), metrics, m -> m.value(name))
                    .description("Mesos metric " + name)
                    .register(registry);
        }
    }

    /**
     * {@code master/slaves_active} becomes {@code mesos.master.slaves_active} (Prometheus:
     * {@code mesos_master_slaves_active}). Prometheus reserves {@code _total} for counters and strips
     * it from gauges, which would leave {@code mesos_master_cpus}; {@code master/cpus_total} is
     * therefore published as {@code mesos_master_cpus_capacity}.
     */
    static String meterName(String mesosName) {
        String name = mesosName.endsWith("_total") ? mesosName.substring(0, mesosName.length() - 6) + "_capacity"
                : mesosName;
        return "mesos." + name.replace('/', '.');
    }
}
