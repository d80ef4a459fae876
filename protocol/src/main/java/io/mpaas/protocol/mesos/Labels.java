package io.mpaas.protocol.mesos;

import java.util.List;

/** Mesos's {@code Labels}: on the wire {@code {"labels": [{"key":..,"value":..}]}}. */
public record Labels(List<Label> labels) {
    public Labels {
        labels = labels == null ? List.of() : List.copyOf(labels);
    }
}
