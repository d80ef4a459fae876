package io.mpaas.master.operator;

import io.mpaas.master.cluster.MasterTask;
import io.mpaas.master.cluster.OutstandingOffer;
import io.mpaas.master.operator.ClusterSnapshot.FrameworkView;
import io.mpaas.master.operator.ClusterSnapshot.PlacedExecutor;
import io.mpaas.protocol.mesos.CommandInfo;
import io.mpaas.protocol.mesos.ExecutorInfo;
import io.mpaas.protocol.mesos.FrameworkInfo;
import io.mpaas.protocol.mesos.Resource;
import java.util.List;
import tools.jackson.core.JsonGenerator;

/**
 * Renders frameworks as Mesos's v0 JSON ({@code FullFrameworkWriter} and {@code Summary<Framework>}
 * in {@code readonly_handler.cpp}), tasks included as their cached renderings.
 */
final class FrameworkRenderer {

    private FrameworkRenderer() {
    }

    /** The summary fields, shared by {@code /state} and {@code /state-summary}; the object is left open. */
    static void summary(V0Writer w, FrameworkView f) {
        JsonGenerator g = w.generator();
        FrameworkInfo info = f.info();
        w.string("id", f.id().value());
        w.string("name", info.name());
        w.resources("used_resources", f.used());
        w.resources("offered_resources", f.offered());
        g.writeName("capabilities");
        g.writeStartArray();
        for (FrameworkInfo.Capability c : info.capabilities()) {
            g.writeString(c.type().name());
        }
        g.writeEndArray();
        w.string("hostname", info.hostname());
        w.string("webui_url", info.webuiUrl());
        g.writeBooleanProperty("active", f.isActive());
        g.writeBooleanProperty("connected", f.connected());
        g.writeBooleanProperty("recovered", f.isRecovered());
    }

    /** A framework as in {@code /state} and {@code /frameworks}. */
    static void write(V0Writer w, FrameworkView f, List<PlacedExecutor> executors) {
        JsonGenerator g = w.generator();
        FrameworkInfo info = f.info();
        g.writeStartObject();
        summary(w, f);
        w.string("user", info.user());
        w.number("failover_timeout", info.failoverTimeoutSeconds());
        g.writeBooleanProperty("checkpoint", info.isCheckpointing());
        w.time("registered_time", f.registeredTime());
        w.time("unregistered_time", f.unregisteredTime());
        if (info.principal() != null) {
            w.string("principal", info.principal());
        }
        w.resources("resources", f.used().plus(f.offered()));
        if (f.reregisteredTime() != null && !f.reregisteredTime().equals(f.registeredTime())) {
            w.time("reregistered_time", f.reregisteredTime());
        }
        // Mesos mirrors the protobuf: multi-role frameworks have "roles", the others "role".
        if (info.hasCapability(FrameworkInfo.Capability.Type.MULTI_ROLE)) {
            w.strings("roles", info.roles());
        } else {
            w.string("role", info.role() == null || info.role().isEmpty() ? Resource.UNRESERVED : info.role());
        }
        tasks(w, "tasks", f.tasks());
        tasks(w, "unreachable_tasks", f.unreachableTasks());
        tasks(w, "completed_tasks", f.completedTasks());
        g.writeName("offers");
        g.writeStartArray();
        for (OutstandingOffer offer : f.offers()) {
            offer(w, offer);
        }
        g.writeEndArray();
        g.writeName("executors");
        g.writeStartArray();
        for (PlacedExecutor executor : executors) {
            executor(w, executor);
        }
        g.writeEndArray();
        if (info.labels() != null) {
            w.labels("labels", info.labels());
        }
        g.writeName("offer_constraints");
        g.writeStartObject();
        g.writeEndObject();
        g.writeEndObject();
    }

    static void tasks(V0Writer w, String name, List<MasterTask> tasks) {
        JsonGenerator g = w.generator();
        g.writeName(name);
        g.writeStartArray();
        for (MasterTask task : tasks) {
            g.writeRawValue(TaskRenderer.v0(task));
        }
        g.writeEndArray();
    }

    private static void offer(V0Writer w, OutstandingOffer offer) {
        JsonGenerator g = w.generator();
        g.writeStartObject();
        w.string("id", offer.id().value());
        w.string("framework_id", offer.frameworkId().value());
        g.writeName("allocation_info");
        g.writeStartObject();
        w.string("role", offer.role());
        g.writeEndObject();
        w.string("slave_id", offer.agentId().value());
        w.resources("resources", offer.resources());
        g.writeEndObject();
    }

    private static void executor(V0Writer w, PlacedExecutor placed) {
        JsonGenerator g = w.generator();
        ExecutorInfo e = placed.info();
        g.writeStartObject();
        w.string("executor_id", e.executorId() == null ? "" : e.executorId().value());
        w.string("name", e.name());
        w.string("framework_id", placed.frameworkId().value());
        command(w, e.command());
        g.writeName("resources");
        w.resources(e.resources());
        if (!e.resources().isEmpty()) {
            Resource first = e.resources().getFirst();
            w.string("role", first.allocationInfo() == null ? first.reservationRole() : first.allocationInfo().role());
        }
        if (e.labels() != null) {
            w.labels("labels", e.labels());
        }
        if (e.type() != null) {
            w.string("type", e.type().name());
        }
        w.string("slave_id", placed.agentId().value());
        g.writeEndObject();
    }

    /**
     * Mesos's v0 command: {@code shell, value, argv, environment, uris}. Secret-typed environment
     * variables are listed by name only, so that a secret never reaches the state.
     */
    private static void command(V0Writer w, CommandInfo command) {
        JsonGenerator g = w.generator();
        g.writeName("command");
        g.writeStartObject();
        if (command != null && command.shell() != null) {
            g.writeBooleanProperty("shell", command.shell());
        }
        if (command != null && command.value() != null) {
            w.string("value", command.value());
        }
        w.strings("argv", command == null ? List.of() : command.arguments());
        if (command != null && command.environment() != null) {
            g.writeName("environment");
            g.writeStartObject();
            g.writeName("variables");
            g.writeStartArray();
            for (CommandInfo.Environment.Variable v : command.environment().variables()) {
                g.writeStartObject();
                w.string("name", v.name());
                if (!"SECRET".equals(v.type()) && v.secret() == null && v.value() != null) {
                    w.string("value", v.value());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeName("uris");
        g.writeStartArray();
        for (CommandInfo.Uri uri : command == null ? List.<CommandInfo.Uri>of() : command.uris()) {
            g.writeStartObject();
            w.string("value", uri.value());
            g.writeBooleanProperty("executable", Boolean.TRUE.equals(uri.executable()));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}
