package io.mpaas.marathon.offer;

import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.Container;
import io.mpaas.protocol.marathon.Network;
import io.mpaas.protocol.marathon.PortDefinition;
import io.mpaas.protocol.marathon.PortMapping;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * An app's ports read one way whatever its networking: Marathon keeps them in two places
 * ({@code portDefinitions} under host networking, {@code container.portMappings} under bridge
 * and container networking, formerly {@code container.docker.portMappings}), and matching,
 * the task's environment, its Docker port mappings, health checks and service ports all need
 * the same list in the same order.
 *
 * @param networking  how the task is networked
 * @param networkName the container network's name under {@link Networking#CONTAINER}, else null
 * @param ports       the app's ports in definition / mapping order
 */
record PortLayout(Networking networking, String networkName, Map<String, String> networkLabels,
        List<AppPort> ports) {

    PortLayout {
        Objects.requireNonNull(networking, "networking");
        networkLabels = networkLabels == null ? Map.of() : Map.copyOf(networkLabels);
        ports = List.copyOf(ports);
    }

    /** The three networking modes of Marathon's {@code networks[].mode}. */
    enum Networking {
        /** The task shares the agent's network; host ports are the ports it listens on. */
        HOST,
        /** Docker's bridge: host ports are mapped to container ports. */
        BRIDGE,
        /** A named container network: the task has its own address; host ports are optional. */
        CONTAINER
    }

    /**
     * One port of the app.
     *
     * @param hostPort      the host port to take from the offer: null none (container networking
     *                      without {@code hostPort}), 0 any free one, otherwise exactly that port
     * @param containerPort the port inside the container (bridge and container networking); 0
     *                      means "the same as the host port"; null under host networking
     * @param servicePort   the cluster-wide service port; 0 until {@link ServicePorts} assigned one
     * @param protocol      {@code tcp}, {@code udp} or {@code udp,tcp}
     */
    record AppPort(String name, String protocol, Integer hostPort, Integer containerPort, int servicePort,
            Map<String, String> labels) {

        AppPort {
            protocol = protocol == null || protocol.isBlank() ? "tcp" : protocol;
            labels = labels == null ? Map.of() : Map.copyOf(labels);
        }

        /** The protocols one by one ({@code udp,tcp} is two). */
        List<String> protocols() {
            List<String> result = new ArrayList<>();
            for (String p : protocol.split(",")) {
                if (!p.isBlank()) {
                    result.add(p.trim().toLowerCase(Locale.ROOT));
                }
            }
            return result;
        }

        /** The port the task listens on, given the host port chosen for it (null when it has none). */
        Integer listeningPort(Networking networking, Integer chosenHostPort) {
            if (networking == Networking.HOST) {
                return chosenHostPort;
            }
            if (containerPort == null || containerPort == 0) {
                return chosenHostPort;
            }
            return containerPort;
        }
    }

    /**
     * The layout of {@code app}. Under host networking without {@code portDefinitions} (and
     * without the legacy {@code ports}) the app has Marathon's default: one dynamic port.
     */
    static PortLayout of(App app) {
        Network first = app.networks() == null || app.networks().isEmpty() ? null : app.networks().getFirst();
        Networking networking = networking(app, first);
        String networkName = networking == Networking.CONTAINER && first != null ? first.name() : null;
        Map<String, String> networkLabels = first == null ? null : first.labels();
        List<AppPort> ports = new ArrayList<>();
        if (networking == Networking.HOST) {
            boolean requirePorts = Boolean.TRUE.equals(app.requirePorts());
            for (PortDefinition d : portDefinitions(app)) {
                int port = d.port() == null ? 0 : d.port();
                ports.add(new AppPort(d.name(), d.protocol(), requirePorts ? port : 0, null, port, d.labels()));
            }
        } else {
            for (PortMapping m : portMappings(app)) {
                Integer hostPort = m.hostPort();
                if (hostPort == null && networking == Networking.BRIDGE) {
                    hostPort = 0;
                }
                ports.add(new AppPort(m.name(), m.protocol(), hostPort,
                        m.containerPort() == null ? 0 : m.containerPort(),
                        m.servicePort() == null ? 0 : m.servicePort(), m.labels()));
            }
        }
        return new PortLayout(networking, networkName, networkLabels, ports);
    }

    /** The host ports to claim from an offer (0 = any), one per port that has a host port, in order. */
    List<Integer> requestedHostPorts() {
        List<Integer> result = new ArrayList<>();
        for (AppPort port : ports) {
            if (port.hostPort() != null) {
                result.add(port.hostPort());
            }
        }
        return result;
    }

    /**
     * The host port chosen for each port, in port order, null where a port has none.
     *
     * @param chosen the ports taken from the offer, one per {@link #requestedHostPorts()} entry
     */
    List<Integer> hostPortsByPort(List<Integer> chosen) {
        List<Integer> result = new ArrayList<>(ports.size());
        int next = 0;
        for (AppPort port : ports) {
            if (port.hostPort() == null) {
                result.add(null);
            } else {
                result.add(next < chosen.size() ? chosen.get(next) : null);
                next++;
            }
        }
        return result;
    }

    List<Integer> servicePorts() {
        return ports.stream().map(AppPort::servicePort).toList();
    }

    private static Networking networking(App app, Network first) {
        if (first != null && first.mode() != null) {
            return switch (first.mode().toLowerCase(Locale.ROOT)) {
                case "container/bridge", "bridge" -> Networking.BRIDGE;
                case "container", "user" -> Networking.CONTAINER;
                default -> Networking.HOST;
            };
        }
        Container.Docker docker = app.container() == null ? null : app.container().docker();
        if (docker != null && docker.network() != null) {
            return switch (docker.network().toUpperCase(Locale.ROOT)) {
                case "BRIDGE" -> Networking.BRIDGE;
                case "USER" -> Networking.CONTAINER;
                default -> Networking.HOST;
            };
        }
        return Networking.HOST;
    }

    static List<PortDefinition> portDefinitions(App app) {
        if (app.portDefinitions() != null) {
            return app.portDefinitions();
        }
        if (app.ports() != null) {
            return app.ports().stream().map(p -> new PortDefinition(p, "tcp", null, null)).toList();
        }
        return List.of(new PortDefinition(0, "tcp", null, null));
    }

    /** The mappings where the app keeps them: {@code container.portMappings}, else the pre-1.5 Docker place. */
    static List<PortMapping> portMappings(App app) {
        Container container = app.container();
        if (container == null) {
            return List.of();
        }
        if (container.portMappings() != null) {
            return container.portMappings();
        }
        if (container.docker() != null && container.docker().portMappings() != null) {
            return container.docker().portMappings();
        }
        return List.of();
    }
}
