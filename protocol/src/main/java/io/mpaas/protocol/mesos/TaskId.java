package io.mpaas.protocol.mesos;

import java.util.Objects;

/** Mesos's `TaskID`: on the wire an object `{"value": "..."}`, never a bare string. */
public record TaskId(String value) {
    public TaskId {
        Objects.requireNonNull(value, "value");
    }

    public static TaskId of(String value) {
        return new TaskId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
