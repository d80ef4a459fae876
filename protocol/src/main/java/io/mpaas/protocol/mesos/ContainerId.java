package io.mpaas.protocol.mesos;

import java.util.Objects;

/** Mesos's `ContainerID`: on the wire an object `{"value": "..."}`, never a bare string. */
public record ContainerId(String value) {
    public ContainerId {
        Objects.requireNonNull(value, "value");
    }

    public static ContainerId of(String value) {
        return new ContainerId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
