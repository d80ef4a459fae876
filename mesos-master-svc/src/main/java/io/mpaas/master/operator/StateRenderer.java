package io.mpaas.master.operator;

import io.mpaas.master.cluster.MasterTask;
import io.mpaas.master.operator.ClusterSnapshot.AgentView;
import io.mpaas.master.operator.ClusterSnapshot.FrameworkView;
import io.mpaas.master.operator.ClusterSnapshot.PlacedExecutor;
import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.MasterInfo;
import io.mpaas.protocol.mesos.TaskState;
import io.mpaas.protocol.mesos.TaskStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JsonGenerator;

/**
 * Writes the v0 documents of {@code readonly_handler.cpp} from a snapshot: {@code /state},
 * {@code /state-summary}, {@code /slaves}, {@code /frameworks}, {@code /tasks}, {@code /roles},
 * {@code /flags}. Field names, order and quirks follow Mesos (including the empty
 * {@code orphan_tasks} and {@code unregistered_frameworks} arrays kept for old tools).
 */
final class StateRenderer {

    /** The states {@code /state-summary} counts, as Mesos does (it never added the GONE states). */
    private static final List<TaskState> SUMMARY_STATES = List.of(TaskState.TASK_STAGING, TaskState.TASK_STARTING,
            TaskState.TASK_RUNNING, TaskState.TASK_KILLING, TaskState.TASK_FINISHED, TaskState.TASK_KILLED,
            TaskState.TASK_FAILED, TaskState.TASK_LOST, TaskState.TASK_ERROR, TaskState.TASK_UNREACHABLE);

    private final MasterBuild build;
    private final String cluster;

    StateRenderer(MasterBuild build, String cluster) {
        this.build = build;
        this.cluster = cluster;
    }

    void state(V0Writer w, ClusterSnapshot s, Map<String, String> flags) {
        TaskRenderer.prerender(s.frameworks());
        TaskRenderer.prerender(s.completedFrameworks());
        JsonGenerator g = w.generator();
        MasterInfo info = s.masterInfo();
        g.writeStartObject();
        w.string("version", build.version());
        if (build.time() != null) {
            w.string("build_date", build.date());
            w.time("build_time", build.time());
        }
        if (build.user() != null) {
            w.string("build_user", build.user());
        }
        w.time("start_time", s.startTime());
        if (s.electedTime() != null) {
            w.time("elected_time", s.electedTime());
        }
        w.string("id", info.id());
        w.string("pid", info.pid());
        w.string("hostname", info.hostname());
        w.strings("capabilities", info.capabilities().stream().map(c -> c.type().name()).toList());
        List<AgentView> registered = s.registeredAgents();
        long active = registered.stream().filter(AgentView::isActive).count();
        w.number("activated_slaves", active);
        w.number("deactivated_slaves", registered.size() - active);
        w.number("unreachable_slaves", s.unreachableAgents());
        if (info.domain() != null) {
            w.pojo("domain", info.domain());
        }
        w.string("leader", info.pid());
        g.writeName("leader_info");
        g.writeStartObject();
        w.string("id", info.id());
        w.string("pid", info.pid());
        g.writeNumberProperty("port", info.port() == null ? 0 : info.port());
        w.string("hostname", info.hostname());
        if (info.domain() != null) {
            w.pojo("domain", info.domain());
        }
        g.writeEndObject();
        w.string("cluster", cluster);
        flagsField(w, flags);
        g.writeName("slaves");
        g.writeStartArray();
        for (AgentView agent : registered) {
            AgentRenderer.write(w, agent);
        }
        g.writeEndArray();
        recoveredSlaves(w, s);
        Map<FrameworkId, List<PlacedExecutor>> executors = s.executorsByFramework();
        frameworks(w, "frameworks", s.frameworks(), executors, null);
        frameworks(w, "completed_frameworks", s.completedFrameworks(), Map.of(), null);
        g.writeName("orphan_tasks");
        g.writeStartArray();
        g.writeEndArray();
        g.writeName("unregistered_frameworks");
        g.writeStartArray();
        g.writeEndArray();
        g.writeEndObject();
    }

    void stateSummary(V0Writer w, ClusterSnapshot s) {
        JsonGenerator g = w.generator();
        // Counted over the tasks of registered frameworks, as Mesos does.
        Map<Object, Map<TaskState, Integer>> counts = new LinkedHashMap<>();
        Map<Object, Set<String>> related = new LinkedHashMap<>();
        for (FrameworkView f : s.frameworks()) {
            for (MasterTask t : f.allTasks()) {
                counts.computeIfAbsent(f.id(), k -> new EnumMap<>(TaskState.class)).merge(t.state(), 1, Integer::sum);
                counts.computeIfAbsent(t.agentId(), k -> new EnumMap<>(TaskState.class)).merge(t.state(), 1,
                        Integer::sum);
                related.computeIfAbsent(f.id(), k -> new LinkedHashSet<>()).add(t.agentId().value());
                related.computeIfAbsent(t.agentId(), k -> new LinkedHashSet<>()).add(f.id().value());
            }
        }
        g.writeStartObject();
        w.string("hostname", s.masterInfo().hostname());
        w.string("cluster", cluster);
        g.writeName("slaves");
        g.writeStartArray();
        for (AgentView agent : s.registeredAgents()) {
            g.writeStartObject();
            AgentRenderer.fields(w, agent);
            stateCounts(g, counts.get(agent.id()));
            w.strings("framework_ids", related.getOrDefault(agent.id(), Set.of()));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeName("frameworks");
        g.writeStartArray();
        for (FrameworkView f : s.frameworks()) {
            g.writeStartObject();
            FrameworkRenderer.summary(w, f);
            stateCounts(g, counts.get(f.id()));
            w.strings("slave_ids", related.getOrDefault(f.id(), Set.of()));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void stateCounts(JsonGenerator g, Map<TaskState, Integer> counts) {
        for (TaskState state : SUMMARY_STATES) {
            g.writeNumberProperty(state.name(), counts == null ? 0 : counts.getOrDefault(state, 0));
        }
    }

    /** {@code /master/slaves}, optionally only {@code slave_id}. */
    void slaves(V0Writer w, ClusterSnapshot s, String agentId) {
        JsonGenerator g = w.generator();
        g.writeStartObject();
        g.writeName("slaves");
        g.writeStartArray();
        for (AgentView agent : s.registeredAgents()) {
            if (agentId == null || agent.id().value().equals(agentId)) {
                AgentRenderer.writeFull(w, agent);
            }
        }
        g.writeEndArray();
        g.writeName("recovered_slaves");
        g.writeStartArray();
        for (AgentView agent : s.recoveredAgents()) {
            if (agentId == null || agent.id().value().equals(agentId)) {
                AgentRenderer.writeInfo(w, agent.info());
            }
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** {@code /master/frameworks}, optionally only {@code framework_id}. */
    void frameworks(V0Writer w, ClusterSnapshot s, String frameworkId) {
        JsonGenerator g = w.generator();
        g.writeStartObject();
        frameworks(w, "frameworks", s.frameworks(), s.executorsByFramework(), frameworkId);
        frameworks(w, "completed_frameworks", s.completedFrameworks(), Map.of(), frameworkId);
        g.writeName("unregistered_frameworks");
        g.writeStartArray();
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void frameworks(V0Writer w, String name, List<FrameworkView> frameworks,
            Map<FrameworkId, List<PlacedExecutor>> executors, String only) {
        JsonGenerator g = w.generator();
        g.writeName(name);
        g.writeStartArray();
        for (FrameworkView f : frameworks) {
            if (only == null || f.id().value().equals(only)) {
                FrameworkRenderer.write(w, f, executors.getOrDefault(f.id(), List.of()));
            }
        }
        g.writeEndArray();
    }

    private static void recoveredSlaves(V0Writer w, ClusterSnapshot s) {
        JsonGenerator g = w.generator();
        g.writeName("recovered_slaves");
        g.writeStartArray();
        for (AgentView agent : s.recoveredAgents()) {
            AgentRenderer.writeInfo(w, agent.info());
        }
        g.writeEndArray();
    }

    /**
     * {@code /master/tasks}: active, unreachable and completed tasks of active and completed
     * frameworks, ordered by the time of their first status, then paged.
     */
    void tasks(V0Writer w, ClusterSnapshot s, TaskQuery query) {
        List<MasterTask> tasks = new ArrayList<>();
        List<FrameworkView> frameworks = new ArrayList<>(s.frameworks());
        frameworks.addAll(s.completedFrameworks());
        for (FrameworkView f : frameworks) {
            if (query.frameworkId() != null && !f.id().value().equals(query.frameworkId())) {
                continue;
            }
            for (MasterTask t : f.allTasks()) {
                if (query.taskId() == null || t.id().value().equals(query.taskId())) {
                    tasks.add(t);
                }
            }
        }
        Comparator<MasterTask> byFirstStatus = Comparator.comparingDouble(StateRenderer::firstTimestamp);
        tasks.sort(query.ascending() ? byFirstStatus : byFirstStatus.reversed());
        long end = Math.min((long) query.offset() + query.limit(), tasks.size());
        FrameworkRenderer.tasks(w, "tasks", query.offset() >= tasks.size() ? List.of()
                : tasks.subList(query.offset(), (int) end));
    }

    /** A task without statuses sorts first ascending and last descending, as in Mesos. */
    private static double firstTimestamp(MasterTask task) {
        List<TaskStatus> statuses = task.task().statuses();
        if (statuses.isEmpty() || statuses.getFirst().timestamp() == null) {
            return Double.NEGATIVE_INFINITY;
        }
        return statuses.getFirst().timestamp();
    }

    /** {@code /master/roles}. */
    void roles(V0Writer w, ClusterSnapshot s) {
        JsonGenerator g = w.generator();
        g.writeStartObject();
        g.writeName("roles");
        g.writeStartArray();
        for (RoleSummary role : RoleSummary.all(s)) {
            g.writeStartObject();
            w.string("name", role.name());
            w.number("weight", role.weight());
            g.writeName("quota");
            g.writeStartObject();
            w.string("role", role.name());
            w.quantities("guarantee", role.quota() == null ? Map.of() : role.quota().guarantee());
            w.quantities("limit", role.quota() == null ? Map.of() : role.quota().limit());
            w.quantities("consumed", role.consumed());
            g.writeEndObject();
            w.quantities("resources", role.allocated().plus(role.offered()).scalars());
            w.quantities("allocated", role.allocated().scalars());
            w.quantities("offered", role.offered().scalars());
            w.quantities("reserved", role.reserved());
            w.strings("frameworks", role.frameworks().stream().map(FrameworkId::value).toList());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** {@code /master/flags}. */
    void flags(V0Writer w, Map<String, String> flags) {
        w.generator().writeStartObject();
        flagsField(w, flags);
        w.generator().writeEndObject();
    }

    private static void flagsField(V0Writer w, Map<String, String> flags) {
        JsonGenerator g = w.generator();
        g.writeName("flags");
        g.writeStartObject();
        flags.forEach(g::writeStringProperty);
        g.writeEndObject();
    }

    /**
     * The query of {@code /master/tasks}. Like Mesos, a limit or offset that is not a number falls
     * back to its default, and a negative limit means no limit.
     */
    record TaskQuery(String frameworkId, String taskId, int limit, int offset, boolean ascending) {

        static final int DEFAULT_LIMIT = 100;

        static TaskQuery parse(String frameworkId, String taskId, String limit, String offset, String order) {
            int l = number(limit, DEFAULT_LIMIT);
            int o = number(offset, 0);
            return new TaskQuery(frameworkId, taskId, l < 0 ? Integer.MAX_VALUE : l, o < 0 ? Integer.MAX_VALUE : o,
                    "asc".equals(order));
        }

        private static int number(String text, int fallback) {
            if (text == null) {
                return fallback;
            }
            try {
                return Integer.parseInt(text.trim());
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
    }
}
