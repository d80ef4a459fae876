package io.mpaas.protocol.mesos;

import java.util.List;

/** Service discovery hints; Mesos never interprets them, it shows them in the state for DNS and load balancers. */
public record DiscoveryInfo(
        String visibility,
        String name,
        String environment,
        String location,
        String version,
        Ports ports,
        Labels labels) {

    public record Ports(List<Port> ports) {
        public Ports {
            ports = ports == null ? List.of() : List.copyOf(ports);
        }
    }

    public record Port(Long number, String name, String protocol, String visibility, Labels labels) {
    }
}
