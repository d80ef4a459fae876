package io.mpaas.protocol.marathon;

import java.util.Map;

/** A network an app joins: {@code mode} host, container/bridge or container (with a {@code name}). */
public record Network(String mode, String name, Map<String, String> labels) {

    public Network {
        labels = labels == null ? null : Map.copyOf(labels);
    }
}
