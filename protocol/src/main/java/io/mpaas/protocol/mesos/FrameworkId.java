package io.mpaas.protocol.mesos;

import java.util.Objects;

/** Mesos's `FrameworkID`: on the wire an object `{"value": "..."}`, never a bare string. */
public record FrameworkId(String value) {
    public FrameworkId {
        Objects.requireNonNull(value, "value");
    }

    public static FrameworkId of(String value) {
        return new FrameworkId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
