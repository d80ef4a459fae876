package io.mpaas.marathon.app;

import io.mpaas.protocol.marathon.Network;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How an app's tasks reach the network. The mode decides which port fields mean anything:
 * {@code portDefinitions} under host networking, {@code container.portMappings} otherwise.
 */
enum NetworkMode {
    /** The task shares the agent's network namespace; ports come from the offer. */
    HOST("host"),
    /** Docker's bridge: container ports are mapped to host ports from the offer. */
    BRIDGE("container/bridge"),
    /** A named container (CNI or Docker user) network: the task gets its own IP address. */
    CONTAINER("container");

    static final List<String> WIRE_VALUES = Arrays.stream(values()).map(m -> m.wire).toList();

    final String wire;

    NetworkMode(String wire) {
        this.wire = wire;
    }

    static Optional<NetworkMode> of(String wire) {
        return Arrays.stream(values()).filter(m -> m.wire.equals(wire)).findFirst();
    }

    Network network() {
        return new Network(wire, null, null);
    }

    /** Whether the app runs on the host's network; no networks at all counts as host, Marathon's default. */
    static boolean isHost(List<Network> networks) {
        return networks == null || networks.isEmpty() || networks.stream().anyMatch(n -> n != null
                && HOST.wire.equals(n.mode()));
    }

    /** Whether any network is not the host's (bridge or container), which calls for port mappings. */
    static boolean hasNonHost(List<Network> networks) {
        return networks != null && networks.stream().anyMatch(n -> n != null && !HOST.wire.equals(n.mode()));
    }

    static boolean hasBridge(List<Network> networks) {
        return networks != null && networks.stream().anyMatch(n -> n != null && BRIDGE.wire.equals(n.mode()));
    }

    /**
     * The network of a pre-1.5 {@code container.docker.network}: BRIDGE, HOST or USER; empty for
     * NONE or anything else, which Marathon refuses.
     */
    static Optional<NetworkMode> ofDockerNetwork(String dockerNetwork) {
        return switch (dockerNetwork) {
            case "BRIDGE" -> Optional.of(BRIDGE);
            case "HOST" -> Optional.of(HOST);
            case "USER" -> Optional.of(CONTAINER);
            default -> Optional.empty();
        };
    }
}
