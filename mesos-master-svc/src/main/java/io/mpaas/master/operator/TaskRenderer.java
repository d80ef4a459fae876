package io.mpaas.master.operator;

import io.mpaas.master.cluster.MasterTask;
import io.mpaas.protocol.mesos.ContainerInfo;
import io.mpaas.protocol.mesos.MesosJson;
import io.mpaas.protocol.mesos.Task;
import io.mpaas.protocol.mesos.TaskStatus;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import tools.jackson.core.JsonGenerator;

/**
 * Renders a task as Mesos's v0 JSON ({@code common/http.cpp}: {@code id, name, framework_id,
 * executor_id, slave_id, state, resources, role, statuses, user, labels, discovery, container,
 * health_check}). A task is an immutable value, so its rendering is cached on it: a large
 * {@code /state} mostly copies cached bytes, and a task is rendered again only when it changes.
 */
final class TaskRenderer {

    /** The one renderer; {@link MasterTask#rendered} caches whatever it first returns. */
    static final Function<MasterTask, RenderedJson> V0 = TaskRenderer::render;

    private TaskRenderer() {
    }

    /** The task's v0 JSON, rendered at most once per task value. */
    static RenderedJson v0(MasterTask task) {
        return task.rendered(V0);
    }

    /** Below this many tasks, rendering them where they are written is as fast as spreading the work. */
    private static final int PARALLEL_THRESHOLD = 4096;

    /**
     * Renders the tasks of the frameworks that are not rendered yet, on all cores, before a large
     * document streams them: the first {@code /state} after a failover or a burst of changes
     * renders thousands of tasks, which is the slow part of that request. Cached tasks cost a read.
     */
    static void prerender(List<ClusterSnapshot.FrameworkView> frameworks) {
        List<MasterTask> pending = new ArrayList<>();
        for (ClusterSnapshot.FrameworkView f : frameworks) {
            unrendered(f.tasks(), pending);
            unrendered(f.unreachableTasks(), pending);
            unrendered(f.completedTasks(), pending);
        }
        if (pending.size() >= PARALLEL_THRESHOLD) {
            pending.parallelStream().forEach(TaskRenderer::v0);
        }
    }

    private static void unrendered(List<MasterTask> tasks, List<MasterTask> pending) {
        for (MasterTask task : tasks) {
            if (!task.isRendered()) {
                pending.add(task);
            }
        }
    }

    static RenderedJson render(MasterTask masterTask) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(768);
        try (JsonGenerator g = MesosJson.mapper().createGenerator(bytes)) {
            write(new V0Writer(g), masterTask);
        }
        return new RenderedJson(bytes.toByteArray());
    }

    private static void write(V0Writer w, MasterTask masterTask) {
        JsonGenerator g = w.generator();
        Task task = masterTask.task();
        g.writeStartObject();
        w.string("id", task.taskId().value());
        w.string("name", task.name());
        w.string("framework_id", task.frameworkId().value());
        w.string("executor_id", task.executorId() == null ? "" : task.executorId().value());
        w.string("slave_id", task.agentId().value());
        w.string("state", task.state().name());
        g.writeName("resources");
        w.resources(task.resources());
        w.string("role", masterTask.role());
        g.writeName("statuses");
        g.writeStartArray();
        for (TaskStatus status : task.statuses()) {
            status(w, status);
        }
        g.writeEndArray();
        if (task.user() != null) {
            w.string("user", task.user());
        }
        if (task.labels() != null) {
            w.labels("labels", task.labels());
        }
        if (task.discovery() != null) {
            w.pojo("discovery", task.discovery());
        }
        if (task.container() != null) {
            w.pojo("container", task.container());
        }
        if (task.healthCheck() != null) {
            w.pojo("health_check", task.healthCheck());
        }
        g.writeEndObject();
    }

    /** v0 statuses keep only what UIs show: state, time, labels, container status, health. */
    private static void status(V0Writer w, TaskStatus status) {
        JsonGenerator g = w.generator();
        g.writeStartObject();
        w.string("state", status.state() == null ? "" : status.state().name());
        w.number("timestamp", status.timestamp() == null ? 0.0 : status.timestamp());
        if (status.labels() != null) {
            w.labels("labels", status.labels());
        }
        if (status.containerStatus() != null) {
            containerStatus(w, status.containerStatus());
        }
        if (status.healthy() != null) {
            g.writeBooleanProperty("healthy", status.healthy());
        }
        g.writeEndObject();
    }

    private static void containerStatus(V0Writer w, TaskStatus.ContainerStatus cs) {
        JsonGenerator g = w.generator();
        g.writeName("container_status");
        g.writeStartObject();
        if (cs.containerId() != null) {
            w.pojo("container_id", cs.containerId());
        }
        if (cs.networkInfos() != null && !cs.networkInfos().isEmpty()) {
            g.writeName("network_infos");
            g.writeStartArray();
            for (ContainerInfo.NetworkInfo info : cs.networkInfos()) {
                networkInfo(w, info);
            }
            g.writeEndArray();
        }
        if (cs.cgroupInfo() != null) {
            w.pojo("cgroup_info", cs.cgroupInfo());
        }
        g.writeEndObject();
    }

    /** Mesos-DNS and load balancers read task IPs from here. */
    private static void networkInfo(V0Writer w, ContainerInfo.NetworkInfo info) {
        JsonGenerator g = w.generator();
        g.writeStartObject();
        if (!info.groups().isEmpty()) {
            w.strings("groups", info.groups());
        }
        if (info.labels() != null) {
            w.labels("labels", info.labels());
        }
        if (!info.ipAddresses().isEmpty()) {
            w.pojo("ip_addresses", info.ipAddresses());
        }
        if (info.name() != null) {
            w.string("name", info.name());
        }
        if (!info.portMappings().isEmpty()) {
            w.pojo("port_mappings", info.portMappings());
        }
        g.writeEndObject();
    }
}
