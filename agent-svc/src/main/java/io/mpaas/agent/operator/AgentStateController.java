package io.mpaas.agent.operator;

import io.mpaas.agent.link.MasterConnection;
import io.mpaas.agent.machine.AgentIdentity;
import io.mpaas.agent.task.AgentTask;
import io.mpaas.agent.task.AgentTasks;
import io.mpaas.protocol.mesos.Attribute;
import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.FrameworkInfo;
import io.mpaas.protocol.mesos.MesosJson;
import io.mpaas.protocol.mesos.Resources;
import io.mpaas.protocol.mesos.TaskStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The agent's {@code /state} in Mesos's v0 shape: the agent, its resources (total, used by live
 * tasks, per reservation), and per framework its executors with their sandbox {@code directory}
 * (what {@code /files} serves) and their live and completed tasks. Also {@code /health}.
 */
@RestController
class AgentStateController {

    private final AgentIdentity identity;
    private final AgentTasks tasks;
    private final MasterConnection master;
    private final Instant startedAt;

    AgentStateController(AgentIdentity identity, AgentTasks tasks, MasterConnection master, Clock clock) {
        this.identity = identity;
        this.tasks = tasks;
        this.master = master;
        this.startedAt = clock.instant();
    }

    @GetMapping({"/health", "/slave(1)/health"})
    String health() {
        return "";
    }

    @GetMapping(value = {"/state", "/state.json", "/slave(1)/state", "/slave(1)/state.json"},
            produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> state() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("version", "1.11.0");
        state.put("id", identity.agentId() == null ? "" : identity.agentId().value());
        state.put("pid", "slave(1)@" + identity.ip() + ":" + identity.port());
        state.put("hostname", identity.hostname());
        state.put("start_time", startedAt.toEpochMilli() / 1000.0);
        state.put("registered", master.isConnected());
        Resources total = identity.machine().resources();
        state.put("resources", V0Resources.of(total.toList()));
        state.put("unreserved_resources", V0Resources.of(total.unreserved().toList()));
        Map<String, Object> reserved = new LinkedHashMap<>();
        for (var r : total.reserved().toList()) {
            reserved.putIfAbsent(r.reservationRole(), V0Resources.of(total.reservedFor(r.reservationRole()).toList()));
        }
        state.put("reserved_resources", reserved);
        Map<String, String> attributes = new LinkedHashMap<>();
        for (Attribute a : identity.machine().attributes()) {
            attributes.put(a.name(), a.valueAsString());
        }
        state.put("attributes", attributes);
        state.put("used_resources", V0Resources.of(tasks.used().toList()));
        List<Object> frameworks = new ArrayList<>();
        List<Object> completed = new ArrayList<>();
        for (Map.Entry<FrameworkId, FrameworkInfo> f : tasks.frameworks().entrySet()) {
            List<AgentTask> ofFramework = tasks.ofFramework(f.getKey());
            Map<String, Object> rendered = framework(f.getValue(), ofFramework);
            (ofFramework.stream().allMatch(AgentTask::isTerminal) ? completed : frameworks).add(rendered);
        }
        state.put("frameworks", frameworks);
        state.put("completed_frameworks", completed);
        return state;
    }

    private Map<String, Object> framework(FrameworkInfo info, List<AgentTask> ofFramework) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("id", info.id().value());
        f.put("name", info.name());
        f.put("user", info.user());
        f.put("hostname", info.hostname() == null ? "" : info.hostname());
        f.put("role", info.effectiveRoles().isEmpty() ? "*" : info.effectiveRoles().getFirst());
        f.put("roles", info.effectiveRoles());
        f.put("checkpoint", true);
        List<Object> executors = new ArrayList<>();
        List<Object> completedExecutors = new ArrayList<>();
        for (AgentTask t : ofFramework) {
            (t.isTerminal() ? completedExecutors : executors).add(executor(t));
        }
        f.put("executors", executors);
        f.put("completed_executors", completedExecutors);
        return f;
    }

    /** A command task runs in an executor of its own id, as in Mesos; the executor's directory is the sandbox. */
    private Map<String, Object> executor(AgentTask t) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("id", t.executorId().value());
        e.put("name", "Command Executor (Task: " + t.taskId().value() + ")");
        e.put("source", t.taskId().value());
        e.put("container", t.containerId().value());
        e.put("directory", t.sandbox().toString());
        e.put("resources", V0Resources.of(t.info().resources()));
        e.put("type", t.kind().name());
        Map<String, Object> task = task(t);
        e.put("tasks", t.isTerminal() ? List.of() : List.of(task));
        e.put("queued_tasks", List.of());
        e.put("completed_tasks", t.isTerminal() ? List.of(task) : List.of());
        return e;
    }

    private Map<String, Object> task(AgentTask t) {
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("id", t.taskId().value());
        task.put("name", t.info().name());
        task.put("framework_id", t.frameworkId().value());
        task.put("executor_id", t.executorId().value());
        task.put("slave_id", identity.agentId() == null ? "" : identity.agentId().value());
        task.put("state", t.state().name());
        task.put("resources", V0Resources.of(t.info().resources()));
        List<Object> statuses = new ArrayList<>();
        for (TaskStatus s : t.statuses()) {
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("state", s.state().name());
            status.put("timestamp", s.timestamp());
            if (s.healthy() != null) {
                status.put("healthy", s.healthy());
            }
            if (s.containerStatus() != null) {
                status.put("container_status", MesosJson.mapper().valueToTree(s.containerStatus()));
            }
            statuses.add(status);
        }
        task.put("statuses", statuses);
        if (t.info().container() != null) {
            task.put("container", MesosJson.mapper().valueToTree(t.info().container()));
        }
        if (t.info().labels() != null) {
            task.put("labels", MesosJson.mapper().valueToTree(t.info().labels()).get("labels"));
        }
        return task;
    }
}
