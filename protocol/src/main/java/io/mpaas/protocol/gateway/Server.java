package io.mpaas.protocol.gateway;

import java.util.Objects;

/**
 * One instance's port as a server of a backend.
 *
 * @param taskId the marathon task behind it; identifies the server across changes
 * @param host   the agent's host name, as marathon reports it
 * @param ip     the address HAProxy connects to (the host resolved, or the task's own IP)
 * @param port   the host port of the task for the backend's port index
 * @param weight HAProxy's server weight, 1 to 256
 */
public record Server(String taskId, String host, String ip, int port, int weight, ServerState state) {

    public Server {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(state, "state");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not 1-65535");
        }
        if (weight < 0 || weight > 256) {
            throw new IllegalArgumentException("weight " + weight + " is not 0-256");
        }
    }

    public Server withState(ServerState newState) {
        return new Server(taskId, host, ip, port, weight, newState);
    }

    /** Whether only the address changed: the same task and weight and state at another ip or port. */
    public boolean sameEndpoint(Server other) {
        return ip.equals(other.ip) && port == other.port;
    }
}
