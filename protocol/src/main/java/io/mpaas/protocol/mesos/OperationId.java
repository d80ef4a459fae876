package io.mpaas.protocol.mesos;

import java.util.Objects;

/** Mesos's `OperationID`: on the wire an object `{"value": "..."}`, never a bare string. */
public record OperationId(String value) {
    public OperationId {
        Objects.requireNonNull(value, "value");
    }

    public static OperationId of(String value) {
        return new OperationId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
