package io.mpaas.protocol.mesos;

import java.util.Objects;

/** Mesos's `OfferID`: on the wire an object `{"value": "..."}`, never a bare string. */
public record OfferId(String value) {
    public OfferId {
        Objects.requireNonNull(value, "value");
    }

    public static OfferId of(String value) {
        return new OfferId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
