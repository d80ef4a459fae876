package io.mpaas.protocol.mesos;

import java.util.List;

/** Mesos's {@code Value.Set}: on the wire {@code {"item": ["a", "b"]}}. */
public record ValueSet(List<String> item) {
    public ValueSet {
        item = item == null ? List.of() : List.copyOf(item);
    }
}
