package io.mpaas.master.operator;

import io.mpaas.master.operator.ClusterSnapshot.AgentView;
import io.mpaas.protocol.mesos.AgentInfo;
import io.mpaas.protocol.mesos.Resource;
import io.mpaas.protocol.mesos.Resources;
import java.util.List;
import tools.jackson.core.JsonGenerator;

/**
 * Renders agents as Mesos's v0 JSON ({@code SlaveWriter} in {@code readonly_handler.cpp}), with
 * the "slave" wording that Mesos-DNS, Marathon-LB and the Mesos web UI still parse.
 */
final class AgentRenderer {

    private AgentRenderer() {
    }

    /** The fields an agent has in {@code /state}, {@code /state-summary} and {@code /slaves}; the object is left open. */
    static void fields(V0Writer w, AgentView agent) {
        JsonGenerator g = w.generator();
        info(w, agent.info());
        w.string("pid", agent.pid());
        w.time("registered_time", agent.registeredTime());
        if (agent.reregisteredTime() != null) {
            w.time("reregistered_time", agent.reregisteredTime());
        }
        w.resources("resources", agent.total());
        w.resources("used_resources", agent.used());
        w.resources("offered_resources", agent.offered());
        g.writeName("reserved_resources");
        g.writeStartObject();
        for (String role : V0Writer.reservationRoles(agent.total())) {
            w.resources(role, agent.total().reservedFor(role));
        }
        g.writeEndObject();
        w.resources("unreserved_resources", agent.total().unreserved());
        g.writeBooleanProperty("active", agent.isActive());
        g.writeBooleanProperty("deactivated", agent.deactivated());
        w.string("version", agent.version());
        w.strings("capabilities", agent.capabilities());
    }

    /** An agent as in {@code /state}. */
    static void write(V0Writer w, AgentView agent) {
        w.generator().writeStartObject();
        fields(w, agent);
        w.generator().writeEndObject();
    }

    /**
     * An agent as in {@code /slaves}: with the full Resource arrays as well, which operators need to
     * name exact reservations and volumes when they unreserve or destroy them.
     */
    static void writeFull(V0Writer w, AgentView agent) {
        JsonGenerator g = w.generator();
        g.writeStartObject();
        fields(w, agent);
        Resources total = agent.total();
        g.writeName("reserved_resources_full");
        g.writeStartObject();
        for (String role : V0Writer.reservationRoles(total)) {
            full(w, role, total.reservedFor(role).toList());
        }
        g.writeEndObject();
        full(w, "unreserved_resources_full", total.unreserved().toList());
        full(w, "used_resources_full", agent.used().toList());
        full(w, "offered_resources_full", agent.offered().toList());
        g.writeEndObject();
    }

    /** An agent's self-description only: {@code recovered_slaves} lists agents not yet back. */
    static void writeInfo(V0Writer w, AgentInfo info) {
        w.generator().writeStartObject();
        info(w, info);
        w.generator().writeEndObject();
    }

    private static void info(V0Writer w, AgentInfo info) {
        w.string("id", info.id() == null ? "" : info.id().value());
        w.string("hostname", info.hostname());
        w.generator().writeNumberProperty("port", info.port() == null ? 5051 : info.port());
        w.attributes(info.attributes());
        if (info.domain() != null) {
            w.pojo("domain", info.domain());
        }
    }

    /** Full Resource arrays in Mesos's endpoint format ({@code role} beside {@code reservations}). */
    private static void full(V0Writer w, String name, List<Resource> resources) {
        w.pojo(name, resources.stream().map(V1Assembler::endpoint).toList());
    }
}
