package io.mpaas.gateway.render;

import io.mpaas.protocol.gateway.Server;

/**
 * One server line of a backend in HAProxy's configuration. Backends are written with more slots than
 * servers, so that an instance can be added later through the runtime API ({@code set server addr},
 * {@code state ready}) without a reload; a free slot is written {@code disabled}.
 *
 * @param name   the server's name in HAProxy, stable for the slot's life ({@code s1}, {@code s2}, ...)
 * @param server the server in the slot, or null when the slot is free
 */
public record ServerSlot(String name, Server server) {

    public static ServerSlot free(String name) {
        return new ServerSlot(name, null);
    }

    public boolean isFree() {
        return server == null;
    }
}
