package io.mpaas.protocol.gateway;

import java.util.List;
import java.util.Objects;

/**
 * The servers of one app port, with how HAProxy balances between them.
 *
 * @param name        HAProxy's backend name: the app id with {@code /} turned into {@code _} and the
 *                    service port appended ({@code _web_10000}), as marathon-lb names it
 * @param portIndex   the app's port index {@code n} of the {@code HAPROXY_{n}_*} labels
 * @param servicePort the port the app's frontend binds (the service port or {@code HAPROXY_{n}_PORT})
 * @param balance     HAProxy's algorithm ({@code roundrobin}, {@code leastconn}, ...)
 * @param sticky      a {@code mesosphere_server_id} cookie keeps a client on one server
 * @param httpCheck   HAProxy's own check of the servers, or null for none
 */
public record Backend(String name, String appId, int portIndex, int servicePort, ProxyMode mode, String balance,
        boolean sticky, HttpCheck httpCheck, List<Server> servers) {

    public Backend {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(mode, "mode");
        balance = balance == null || balance.isBlank() ? "roundrobin" : balance;
        servers = servers == null ? List.of() : List.copyOf(servers);
    }

    public Backend withServers(List<Server> newServers) {
        return new Backend(name, appId, portIndex, servicePort, mode, balance, sticky, httpCheck, newServers);
    }

    /**
     * The backend without its servers: two backends with equal definitions differ only in servers,
     * which HAProxy's runtime API changes without a reload.
     */
    public Backend definition() {
        return withServers(List.of());
    }
}
