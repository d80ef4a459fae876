package io.mpaas.protocol.marathon;

import java.util.Map;

/**
 * A port of a host-networked app. {@code port} 0 asks for any host port from the offer plus a
 * service port picked by Marathon; otherwise it is the service port, and with
 * {@code requirePorts} also the literal host port.
 */
public record PortDefinition(Integer port, String protocol, String name, Map<String, String> labels) {

    public PortDefinition {
        labels = labels == null ? null : Map.copyOf(labels);
    }
}
