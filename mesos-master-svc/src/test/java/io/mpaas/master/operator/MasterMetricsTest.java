package io.mpaas.master.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.mpaas.master.cluster.MasterTask;
import io.mpaas.master.task.TaskStateMachine;
import io.mpaas.protocol.mesos.MasterInfo;
import io.mpaas.protocol.mesos.MesosJson;
import io.mpaas.protocol.mesos.TaskId;
import io.mpaas.protocol.mesos.TaskState;
import io.mpaas.protocol.mesos.TaskStatus;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;

/** {@code /metrics/snapshot}: Mesos's names, gauges of the cluster now, counters since the term began, Prometheus. */
class MasterMetricsTest {

    private final SampleCluster sample = new SampleCluster();
    private final OperatorHarness harness = new OperatorHarness(sample.fx);

    private Map<String, Double> snapshot() throws Exception {
        String body = harness.mvc().perform(get("/metrics/snapshot")).andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/json"))
                .andReturn().getResponse().getContentAsString();
        return MesosJson.mapper().readValue(body, new TypeReference<TreeMap<String, Double>>() { });
    }

    @Test
    void mesosNamesAndTheClusterNow() throws Exception {
        Map<String, Double> m = snapshot();
        assertThat(m.keySet()).containsExactly("allocator/mesos/allocation_run_ms", "allocator/mesos/allocation_runs",
                "master/cpus_percent", "master/cpus_total", "master/cpus_used", "master/disk_percent",
                "master/disk_total", "master/disk_used", "master/elected", "master/frameworks_active",
                "master/frameworks_connected", "master/frameworks_disconnected", "master/frameworks_inactive",
                "master/gpus_percent", "master/gpus_total", "master/gpus_used", "master/mem_percent",
                "master/mem_total", "master/mem_used", "master/outstanding_offers", "master/slave_registrations",
                "master/slave_removals", "master/slave_reregistrations", "master/slaves_active",
                "master/slaves_connected", "master/slaves_disconnected", "master/slaves_inactive",
                "master/slaves_unreachable", "master/tasks_dropped", "master/tasks_error", "master/tasks_failed",
                "master/tasks_finished", "master/tasks_gone", "master/tasks_gone_by_operator", "master/tasks_killed",
                "master/tasks_killing", "master/tasks_lost", "master/tasks_running", "master/tasks_staging",
                "master/tasks_starting", "master/tasks_unreachable", "master/uptime_secs", "system/cpus_total",
                "system/load_1min", "system/mem_total_bytes");
        assertThat(m).containsEntry("master/elected", 1.0)
                .containsEntry("master/slaves_active", 1.0).containsEntry("master/slaves_inactive", 1.0)
                .containsEntry("master/slaves_connected", 1.0).containsEntry("master/slaves_disconnected", 1.0)
                .containsEntry("master/slaves_unreachable", 1.0)
                .containsEntry("master/frameworks_active", 1.0).containsEntry("master/frameworks_connected", 1.0)
                .containsEntry("master/frameworks_inactive", 0.0).containsEntry("master/frameworks_disconnected", 0.0)
                .containsEntry("master/tasks_running", 1.0).containsEntry("master/tasks_unreachable", 1.0)
                .containsEntry("master/tasks_staging", 0.0)
                .containsEntry("master/cpus_total", 14.0).containsEntry("master/cpus_used", 0.5)
                .containsEntry("master/cpus_percent", 0.5 / 14).containsEntry("master/mem_total", 23192.0)
                .containsEntry("master/mem_used", 128.0).containsEntry("master/outstanding_offers", 1.0)
                .containsEntry("master/uptime_secs", 0.0)
                .containsEntry("system/cpus_total", (double) Runtime.getRuntime().availableProcessors());
    }

    @Test
    void numbersAreWrittenAsMesosWritesThem() throws Exception {
        String body = harness.mvc().perform(get("/metrics/snapshot?jsonp=cb")).andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "text/javascript"))
                .andReturn().getResponse().getContentAsString();
        assertThat(body).startsWith("cb({\"allocator/mesos/allocation_run_ms\":0.0,").endsWith(")")
                .contains("\"master/elected\":1.0,", "\"master/mem_total\":23192.0,");
        harness.mvc().perform(post("/metrics/snapshot")).andExpect(status().isMethodNotAllowed());
    }

    @Test
    void terminalStatesCountTransitionsSinceTheTermBegan() throws Exception {
        MasterTask t1 = sample.f1.tasks().get(TaskId.of("t1"));
        TaskStatus failed = ClusterFixture.status("t1", TaskState.TASK_FAILED, 1714557700).withUuid("dXVpZA==");
        sample.fx.cluster.locked(() -> harness.tasks.apply(sample.f1, t1,
                new TaskStateMachine.StatusReported(TaskState.TASK_FAILED), failed));
        // The agent retries the terminal update (a new uuid): forwarded again, but no new transition.
        sample.fx.cluster.locked(() -> harness.tasks.apply(sample.f1, sample.f1.tasks().get(TaskId.of("t1")),
                new TaskStateMachine.StatusReported(TaskState.TASK_FAILED), failed.withUuid("YWdhaW4=")));
        assertThat(sample.f1.tasks().get(TaskId.of("t1")).task().statuses()).hasSize(4);
        Map<String, Double> m = snapshot();
        assertThat(m).containsEntry("master/tasks_failed", 1.0).containsEntry("master/tasks_running", 0.0)
                .containsEntry("master/cpus_used", 0.0);

        sample.fx.cluster.locked(() -> harness.events.agentAdded(sample.a1));
        sample.a2.reregisteredTime(ClusterFixture.STARTED);
        sample.fx.cluster.locked(() -> harness.events.agentAdded(sample.a2));
        sample.fx.cluster.locked(() -> harness.events.agentRemoved(sample.a2.id()));
        m = snapshot();
        assertThat(m).containsEntry("master/slave_registrations", 1.0)
                .containsEntry("master/slave_reregistrations", 1.0).containsEntry("master/slave_removals", 1.0);

        // A new term (a new master id) starts the counters again.
        sample.fx.cluster.locked(() -> sample.fx.cluster.startTerm(MasterInfo.of("m9", "master.example", "10.0.0.1",
                5050), ClusterFixture.ELECTED));
        m = snapshot();
        assertThat(m).containsEntry("master/tasks_failed", 0.0).containsEntry("master/slave_registrations", 0.0);
    }

    @Test
    void aStandbyIsNotElectedAndSeesNothing() throws Exception {
        sample.fx.cluster.locked(() -> sample.fx.cluster.endTerm());
        Map<String, Double> m = snapshot();
        assertThat(m).containsEntry("master/elected", 0.0).containsEntry("master/slaves_active", 0.0)
                .containsEntry("master/tasks_running", 0.0);
    }

    @Test
    void prometheusCarriesTheKeyGauges() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new MasterMeterBinder(harness.metrics).bindTo(registry);
        String scrape = registry.scrape();
        for (String line : List.of("mesos_master_elected 1.0", "mesos_master_slaves_active 1.0",
                "mesos_master_tasks_running 1.0", "mesos_master_cpus_capacity 14.0", "mesos_master_mem_capacity 23192.0", "mesos_master_outstanding_offers 1.0",
                "mesos_allocator_mesos_allocation_runs 0.0")) {
            assertThat(scrape).contains(line);
        }
        assertThat(MasterMeterBinder.PUBLISHED).allSatisfy(name -> assertThat(registry.find(
                MasterMeterBinder.meterName(name)).gauge()).isNotNull());
    }
}
