package io.mpaas.agent.operator;

import io.mpaas.agent.fetcher.FetchStatistics;
import io.mpaas.agent.fetcher.Fetcher;
import io.mpaas.agent.link.MasterConnection;
import io.mpaas.agent.machine.AgentIdentity;
import io.mpaas.agent.task.AgentTask;
import io.mpaas.agent.task.AgentTasks;
import io.mpaas.agent.task.TaskCounters;
import io.mpaas.protocol.mesos.MesosJson;
import io.mpaas.protocol.mesos.Resources;
import io.mpaas.protocol.mesos.ResourceStatistics;
import io.mpaas.protocol.mesos.TaskState;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /metrics/snapshot} with Mesos's agent metric names ({@code slave/*}, and the fetcher's
 * {@code containerizer/fetcher/*}), and
 * {@code /monitor/statistics}: CPU and memory use per live container, from Docker's stats or the
 * process's cgroup and {@code /proc}.
 */
@RestController
class AgentMetricsController {

    private final AgentIdentity identity;
    private final AgentTasks tasks;
    private final TaskCounters counters;
    private final MasterConnection master;
    private final Fetcher fetcher;
    private final Clock clock;
    private final Instant startedAt;

    AgentMetricsController(AgentIdentity identity, AgentTasks tasks, TaskCounters counters, MasterConnection master,
            Fetcher fetcher, Clock clock) {
        this.identity = identity;
        this.tasks = tasks;
        this.counters = counters;
        this.master = master;
        this.fetcher = fetcher;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    @GetMapping(value = {"/metrics/snapshot", "/metrics/snapshot.json"}, produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> snapshot() {
        Map<String, Object> m = new java.util.TreeMap<>();
        m.put("slave/registered", master.isConnected() ? 1.0 : 0.0);
        m.put("slave/uptime_secs", (clock.millis() - startedAt.toEpochMilli()) / 1000.0);
        Map<TaskState, Integer> live = new EnumMap<>(TaskState.class);
        int executors = 0;
        for (AgentTask t : tasks.all()) {
            if (!t.isTerminal()) {
                live.merge(t.state(), 1, Integer::sum);
                executors++;
            }
        }
        Resources used = tasks.used();
        for (TaskState s : List.of(TaskState.TASK_STAGING, TaskState.TASK_STARTING, TaskState.TASK_RUNNING,
                TaskState.TASK_KILLING)) {
            m.put("slave/tasks_" + s.name().substring(5).toLowerCase(), (double) live.getOrDefault(s, 0));
        }
        for (TaskState s : List.of(TaskState.TASK_FINISHED, TaskState.TASK_FAILED, TaskState.TASK_KILLED,
                TaskState.TASK_LOST, TaskState.TASK_GONE, TaskState.TASK_ERROR)) {
            m.put("slave/tasks_" + s.name().substring(5).toLowerCase(), (double) counters.count(s));
        }
        m.put("slave/executors_running", (double) executors);
        m.put("slave/frameworks_active", (double) tasks.frameworks().size());
        m.put("slave/valid_status_updates", (double) counters.updates());
        Resources total = identity.machine().resources();
        for (String name : List.of("cpus", "mem", "disk", "gpus")) {
            double t = total.scalar(name);
            double u = used.scalar(name);
            m.put("slave/" + name + "_total", t);
            m.put("slave/" + name + "_used", u);
            m.put("slave/" + name + "_percent", t == 0 ? 0.0 : u / t);
        }
        FetchStatistics fetches = fetcher.statistics();
        m.put("containerizer/fetcher/task_fetches_succeeded", (double) fetches.taskFetchesSucceeded());
        m.put("containerizer/fetcher/task_fetches_failed", (double) fetches.taskFetchesFailed());
        m.put("containerizer/fetcher/cache_size_total_bytes", (double) fetches.cacheSizeTotalBytes());
        m.put("containerizer/fetcher/cache_size_used_bytes", (double) fetches.cacheSizeUsedBytes());
        return m;
    }

    @GetMapping(value = {"/monitor/statistics", "/monitor/statistics.json"}, produces = MediaType.APPLICATION_JSON_VALUE)
    List<Map<String, Object>> statistics() {
        List<Map<String, Object>> result = new ArrayList<>();
        for (AgentTask t : tasks.all()) {
            if (t.isTerminal() || t.container() == null) {
                continue;
            }
            Optional<ResourceStatistics> stats = t.container().statistics();
            if (stats.isEmpty()) {
                continue;
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("executor_id", t.executorId().value());
            entry.put("executor_name", "Command Executor (Task: " + t.taskId().value() + ")");
            entry.put("framework_id", t.frameworkId().value());
            entry.put("source", t.taskId().value());
            entry.put("statistics", MesosJson.mapper().valueToTree(stats.get()));
            result.add(entry);
        }
        return result;
    }
}
