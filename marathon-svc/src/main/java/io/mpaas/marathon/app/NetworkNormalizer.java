package io.mpaas.marathon.app;

import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.Container;
import io.mpaas.protocol.marathon.Network;
import io.mpaas.protocol.marathon.PortDefinition;
import io.mpaas.protocol.marathon.PortMapping;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The networking half of normalization: turns the pre-1.5 forms ({@code ports},
 * {@code container.docker.network}, {@code container.docker.portMappings}) into {@code networks},
 * {@code portDefinitions} and {@code container.portMappings}, and adds the one default port each
 * mode gets. Where old and new forms contradict each other both are left in place, so that the
 * validator can say so instead of one silently winning.
 */
final class NetworkNormalizer {

    static final String DEFAULT_PROTOCOL = "tcp";

    private NetworkNormalizer() {
    }

    static void normalize(App app, App.Builder b) {
        Container container = container(app.container());
        List<Network> networks = app.networks();
        String dockerNetwork = container == null || container.docker() == null ? null : container.docker().network();
        if (dockerNetwork != null && (networks == null || networks.isEmpty())) {
            var translated = NetworkMode.ofDockerNetwork(dockerNetwork);
            if (translated.isPresent()) {
                networks = List.of(translated.get().network());
                container = withoutDockerNetwork(container);
                dockerNetwork = null;
            }
        }
        if ((networks == null || networks.isEmpty()) && dockerNetwork == null) {
            networks = List.of(NetworkMode.HOST.network());
        }
        b.networks(networks);

        List<PortDefinition> portDefinitions = app.portDefinitions();
        List<Integer> ports = app.ports();
        if (ports != null) {
            List<PortDefinition> fromPorts = ports.stream()
                    .map(p -> new PortDefinition(p, DEFAULT_PROTOCOL, null, Map.of())).toList();
            if (portDefinitions == null) {
                portDefinitions = fromPorts;
                ports = null;
            } else if (portDefinitions.stream().map(PortDefinition::port).toList().equals(ports)) {
                ports = null;
            }
        }
        b.ports(ports);

        boolean host = NetworkMode.isHost(networks);
        boolean nonHost = NetworkMode.hasNonHost(networks);
        if (nonHost && container == null) {
            // Marathon runs a container-networked app without a container in an empty Mesos container.
            container = new Container("MESOS", null, List.of(), null);
        }
        if (host && portDefinitions == null) {
            portDefinitions = List.of(new PortDefinition(0, DEFAULT_PROTOCOL, null, Map.of()));
        }
        if (!host && portDefinitions != null && portDefinitions.isEmpty()) {
            portDefinitions = null;
        }
        b.portDefinitions(portDefinitions == null ? null
                : portDefinitions.stream().map(NetworkNormalizer::portDefinition).toList());

        if (container != null) {
            container = portMappings(container, host, nonHost, NetworkMode.hasBridge(networks));
        }
        b.container(container);
        if (nonHost) {
            // requirePorts speaks of host ports of portDefinitions, which only host networking has.
            b.requirePorts(false);
        }
    }

    /** Container defaults, and docker-level port mappings moved up to the container (unless both are given). */
    private static Container container(Container c) {
        if (c == null) {
            return null;
        }
        List<PortMapping> mappings = c.portMappings();
        Container.Docker docker = c.docker();
        if (docker != null) {
            List<PortMapping> dockerMappings = docker.portMappings();
            boolean containerHasMappings = mappings != null && !mappings.isEmpty();
            if (dockerMappings != null && !(containerHasMappings && !dockerMappings.isEmpty())) {
                if (!dockerMappings.isEmpty()) {
                    mappings = dockerMappings;
                }
                dockerMappings = null;
            }
            docker = new Container.Docker(docker.image(), docker.network(), dockerMappings,
                    Objects.requireNonNullElse(docker.privileged(), false),
                    Objects.requireNonNullElse(docker.parameters(), List.of()),
                    Objects.requireNonNullElse(docker.forcePullImage(), false));
        }
        return new Container(Objects.requireNonNullElse(c.type(), "DOCKER"), docker,
                Objects.requireNonNullElse(c.volumes(), List.of()), mappings);
    }

    private static Container withoutDockerNetwork(Container c) {
        Container.Docker d = c.docker();
        return new Container(c.type(), new Container.Docker(d.image(), null, d.portMappings(), d.privileged(),
                d.parameters(), d.forcePullImage()), c.volumes(), c.portMappings());
    }

    /**
     * Port mappings by mode: none shown under host networking when none are given; one default
     * mapping under bridge or container networking when none are given; in bridge mode a missing
     * host port is 0 (any port from the offer).
     */
    private static Container portMappings(Container c, boolean host, boolean nonHost, boolean bridge) {
        List<PortMapping> mappings = c.portMappings();
        if (host && mappings != null && mappings.isEmpty()) {
            mappings = null;
        }
        if (nonHost && mappings == null) {
            mappings = List.of(new PortMapping(0, null, 0, DEFAULT_PROTOCOL, null, Map.of(), null));
        }
        if (mappings != null) {
            mappings = mappings.stream().map(m -> portMapping(m, bridge)).toList();
        }
        return new Container(c.type(), c.docker(), c.volumes(), mappings);
    }

    private static PortMapping portMapping(PortMapping m, boolean bridge) {
        Integer hostPort = m.hostPort() == null && bridge ? Integer.valueOf(0) : m.hostPort();
        return new PortMapping(Objects.requireNonNullElse(m.containerPort(), 0), hostPort,
                Objects.requireNonNullElse(m.servicePort(), 0),
                Objects.requireNonNullElse(m.protocol(), DEFAULT_PROTOCOL),
                m.name(), Objects.requireNonNullElse(m.labels(), Map.of()), m.networkNames());
    }

    private static PortDefinition portDefinition(PortDefinition d) {
        return new PortDefinition(Objects.requireNonNullElse(d.port(), 0),
                Objects.requireNonNullElse(d.protocol(), DEFAULT_PROTOCOL), d.name(),
                Objects.requireNonNullElse(d.labels(), Map.of()));
    }
}
