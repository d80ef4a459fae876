package io.mpaas.protocol.mesos;

import java.util.Objects;

/** Mesos's `AgentID`: on the wire an object `{"value": "..."}`, never a bare string. */
public record AgentId(String value) {
    public AgentId {
        Objects.requireNonNull(value, "value");
    }

    public static AgentId of(String value) {
        return new AgentId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
