package io.mpaas.gateway.render;

import io.mpaas.protocol.gateway.Backend;
import io.mpaas.protocol.gateway.HttpCheck;
import io.mpaas.protocol.gateway.ProxyMode;
import io.mpaas.protocol.gateway.Server;
import io.mpaas.protocol.gateway.ServerState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes one backend section: its head, the HTTP-only options, stickiness, the HTTP check, and a server
 * line per slot. Slots rather than servers, so that instances can come and go through the runtime API
 * between reloads: a free slot is written {@code disabled} at {@code 0.0.0.0:0} and later filled with
 * {@code set server addr} and {@code state ready}; it carries the same {@code check} as the others so a
 * filled slot is checked like every server.
 */
final class BackendSections {

    /** The address of a free slot: nothing to connect to until the runtime API sets one. */
    static final String FREE_ADDRESS = "0.0.0.0:0";

    private final TemplateLibrary templates;

    BackendSections(TemplateLibrary templates) {
        this.templates = templates;
    }

    /** The backend's servers as slots {@code s1..sN}, in the table's order, none free. */
    static List<ServerSlot> slotsOf(Backend backend) {
        List<ServerSlot> slots = new ArrayList<>(backend.servers().size());
        for (int i = 0; i < backend.servers().size(); i++) {
            slots.add(new ServerSlot("s" + (i + 1), backend.servers().get(i)));
        }
        return slots;
    }

    void write(Backend b, List<ServerSlot> slots, StringBuilder out) {
        String appId = b.appId();
        boolean http = b.mode() == ProxyMode.HTTP;
        out.append(templates.get(ConfigTemplate.HAPROXY_BACKEND_HEAD).render(Map.of(
                "name", HaproxyToken.quote("backend name", appId, b.name()),
                "balance", HaproxyToken.quote("balance of backend " + b.name(), appId, b.balance()),
                "mode", b.mode().keyword(),
                "appId", HaproxyToken.quote("app id", appId, appId))));
        if (http) {
            out.append(templates.get(ConfigTemplate.HAPROXY_BACKEND_HTTP_OPTIONS).render(Map.of()));
        }
        // A cookie needs HTTP; a sticky tcp-mode backend is written without it.
        boolean sticky = http && b.sticky();
        if (sticky) {
            out.append(templates.get(ConfigTemplate.HAPROXY_BACKEND_STICKY).render(Map.of()));
        }
        HttpCheck check = b.httpCheck();
        if (check != null) {
            out.append(templates.get(ConfigTemplate.HAPROXY_BACKEND_HTTP_HEALTHCHECK).render(Map.of(
                    "path", HaproxyToken.quote("check path of backend " + b.name(), appId, check.path()),
                    "timeoutSeconds", Integer.toString(check.timeoutSeconds()))));
        }
        for (ServerSlot slot : slots) {
            writeServer(b, slot, sticky, check, out);
        }
    }

    private void writeServer(Backend b, ServerSlot slot, boolean sticky, HttpCheck check, StringBuilder out) {
        String name = HaproxyToken.quote("server slot of backend " + b.name(), b.appId(), slot.name());
        Server server = slot.server();
        StringBuilder options = new StringBuilder();
        if (sticky) {
            options.append(" cookie ").append(name);
        }
        if (check != null) {
            options.append(" check inter ").append(check.intervalSeconds()).append("s fall ").append(check.fall());
        }
        String address;
        int weight;
        if (server == null) {
            address = FREE_ADDRESS;
            weight = 1;
            options.append(" disabled");
        } else {
            address = HaproxyToken.quote("ip of task " + server.taskId(), b.appId(), server.ip()) + ":" + server.port();
            // A draining server finishes what it has but is given nothing new.
            weight = server.state() == ServerState.DRAIN ? 0 : server.weight();
        }
        out.append(templates.get(ConfigTemplate.HAPROXY_BACKEND_SERVER).render(Map.of(
                "name", name,
                "address", address,
                "weight", Integer.toString(weight),
                "options", options.toString())));
    }
}
