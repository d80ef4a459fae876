package io.mpaas.master.operator;

import io.mpaas.master.cluster.Agent;
import io.mpaas.master.cluster.Cluster;
import io.mpaas.master.cluster.Framework;
import io.mpaas.master.cluster.MasterTask;
import io.mpaas.master.offer.OfferCycle;
import io.mpaas.protocol.mesos.Resources;
import io.mpaas.protocol.mesos.Scalar;
import io.mpaas.protocol.mesos.TaskState;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * The master's metrics under Mesos's names ({@code docs/monitoring.md}), for
 * {@code /metrics/snapshot}, GET_METRICS and Prometheus. Gauges describe the cluster now;
 * {@code master/tasks_finished} and the other terminal-state counters count since this master's
 * term began ({@link TermCounters}). One pass under the lock counts everything, so a sample is
 * consistent; Prometheus reads a sample at most a second old rather than taking the lock per gauge.
 */
@Component
public class MasterMetrics {

    /** How long a sample serves Prometheus gauges before it is taken again. */
    static final Duration SAMPLE_TTL = Duration.ofSeconds(1);

    private static final List<String> RESOURCES = List.of("cpus", "mem", "disk", "gpus");
    private static final List<TaskState> TERMINAL = List.of(TaskState.TASK_FINISHED, TaskState.TASK_FAILED,
            TaskState.TASK_KILLED, TaskState.TASK_LOST, TaskState.TASK_ERROR, TaskState.TASK_DROPPED,
            TaskState.TASK_GONE, TaskState.TASK_GONE_BY_OPERATOR);
    private static final List<TaskState> ACTIVE = List.of(TaskState.TASK_STAGING, TaskState.TASK_STARTING,
            TaskState.TASK_RUNNING, TaskState.TASK_KILLING);

    private final Cluster cluster;
    private final TermCounters counters;
    private final OfferCycle allocation;
    private final StateReader reader;
    private final Clock clock;
    private volatile Sample cached;

    public MasterMetrics(Cluster cluster, TermCounters counters, OfferCycle allocation, StateReader reader,
            Clock clock) {
        this.cluster = cluster;
        this.counters = counters;
        this.allocation = allocation;
        this.reader = reader;
        this.clock = clock;
    }

    /** A fresh snapshot: metric name to value, sorted by name as Mesos lists them. */
    public Map<String, Double> snapshot() {
        Instant now = clock.instant();
        Map<String, Double> m = cluster.locked(this::clusterMetrics);
        m.put("master/uptime_secs", Duration.between(reader.startTime(), now).toMillis() / 1000.0);
        m.put("allocator/mesos/allocation_runs", (double) allocation.allocationRuns());
        m.put("allocator/mesos/allocation_run_ms", allocation.lastAllocationRunMillis());
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        m.put("system/cpus_total", (double) os.getAvailableProcessors());
        m.put("system/load_1min", Math.max(0, os.getSystemLoadAverage()));
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            m.put("system/mem_total_bytes", (double) sun.getTotalMemorySize());
        }
        cached = new Sample(now, m);
        return m;
    }

    /** A snapshot at most {@link #SAMPLE_TTL} old, for gauges that are read one by one. */
    public double value(String name) {
        Sample sample = cached;
        if (sample == null || !clock.instant().isBefore(sample.at().plus(SAMPLE_TTL))) {
            snapshot();
            sample = cached;
        }
        return sample.metrics().getOrDefault(name, 0.0);
    }

    private Map<String, Double> clusterMetrics() {
        Map<String, Double> m = new TreeMap<>();
        m.put("master/elected", cluster.isLeading() ? 1.0 : 0.0);
        int active = 0;
        int connected = 0;
        int registered = 0;
        int unreachable = 0;
        Map<TaskState, Integer> tasks = new EnumMap<>(TaskState.class);
        Resources total = Resources.EMPTY;
        Resources used = Resources.EMPTY;
        for (Agent agent : cluster.agents().values()) {
            if (agent.status() == Agent.Status.UNREACHABLE) {
                unreachable++;
            }
            if (agent.status() != Agent.Status.ACTIVE && agent.status() != Agent.Status.DISCONNECTED) {
                continue;
            }
            registered++;
            active += agent.status() == Agent.Status.ACTIVE ? 1 : 0;
            connected += agent.isConnected() ? 1 : 0;
            total = total.plus(agent.total().filter(r -> !r.isRevocable()));
            used = used.plus(agent.used().filter(r -> !r.isRevocable()));
            for (MasterTask task : agent.tasks().values()) {
                tasks.merge(task.state(), 1, Integer::sum);
            }
        }
        m.put("master/slaves_active", (double) active);
        m.put("master/slaves_inactive", (double) (registered - active));
        m.put("master/slaves_connected", (double) connected);
        m.put("master/slaves_disconnected", (double) (registered - connected));
        m.put("master/slaves_unreachable", (double) unreachable);
        int frameworksActive = 0;
        int frameworksConnected = 0;
        int unreachableTasks = 0;
        for (Framework f : cluster.frameworks().values()) {
            frameworksActive += f.status() == Framework.Status.ACTIVE ? 1 : 0;
            frameworksConnected += f.isConnected() ? 1 : 0;
            unreachableTasks += f.unreachableTasks().size();
        }
        int frameworks = cluster.frameworks().size();
        m.put("master/frameworks_active", (double) frameworksActive);
        m.put("master/frameworks_inactive", (double) (frameworks - frameworksActive));
        m.put("master/frameworks_connected", (double) frameworksConnected);
        m.put("master/frameworks_disconnected", (double) (frameworks - frameworksConnected));
        for (TaskState state : ACTIVE) {
            m.put(name(state), (double) tasks.getOrDefault(state, 0));
        }
        m.put(name(TaskState.TASK_UNREACHABLE), (double) unreachableTasks);
        TermCounters.Counts counts = counters.counts();
        for (TaskState state : TERMINAL) {
            m.put(name(state), (double) counts.terminal(state));
        }
        for (String r : RESOURCES) {
            double t = total.scalar(r);
            double u = used.scalar(r);
            m.put("master/" + r + "_total", t);
            m.put("master/" + r + "_used", u);
            m.put("master/" + r + "_percent", t == 0 ? 0.0 : Scalar.round(u) / t);
        }
        m.put("master/outstanding_offers", (double) cluster.offers().size());
        m.put("master/slave_registrations", (double) counts.registrations());
        m.put("master/slave_reregistrations", (double) counts.reregistrations());
        m.put("master/slave_removals", (double) counts.removals());
        return m;
    }

    /** {@code TASK_RUNNING} becomes {@code master/tasks_running}. */
    static String name(TaskState state) {
        return "master/tasks_" + state.name().substring("TASK_".length()).toLowerCase(java.util.Locale.ROOT);
    }

    private record Sample(Instant at, Map<String, Double> metrics) {
    }
}
