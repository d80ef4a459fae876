package io.mpaas.protocol.mesos;

import java.util.Objects;

/** Mesos's `ExecutorID`: on the wire an object `{"value": "..."}`, never a bare string. */
public record ExecutorId(String value) {
    public ExecutorId {
        Objects.requireNonNull(value, "value");
    }

    public static ExecutorId of(String value) {
        return new ExecutorId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
