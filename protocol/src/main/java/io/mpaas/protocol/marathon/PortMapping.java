package io.mpaas.protocol.marathon;

import java.util.List;
import java.util.Map;

/**
 * A container port mapping (bridge or container networking). {@code containerPort} 0 means "the
 * same number as the host port"; {@code hostPort} 0 a port from the offer, absent no host port
 * (container networking only); {@code servicePort} 0 a cluster-unique port Marathon assigns.
 */
public record PortMapping(
        Integer containerPort,
        Integer hostPort,
        Integer servicePort,
        String protocol,
        String name,
        Map<String, String> labels,
        List<String> networkNames) {

    public PortMapping {
        labels = labels == null ? null : Map.copyOf(labels);
        networkNames = networkNames == null ? null : List.copyOf(networkNames);
    }
}
