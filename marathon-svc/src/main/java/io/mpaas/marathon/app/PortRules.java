package io.mpaas.marathon.app;

import static io.mpaas.marathon.app.Violations.at;

import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.Container;
import io.mpaas.protocol.marathon.Network;
import io.mpaas.protocol.marathon.PortDefinition;
import io.mpaas.protocol.marathon.PortMapping;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Marathon's rules for networks and ports. Which port field means something depends on the
 * network mode (port definitions under host networking, port mappings otherwise), so a field
 * given for the wrong mode is refused rather than ignored: the client would otherwise believe a
 * port is exposed that is not.
 */
final class PortRules {

    static final List<String> PROTOCOLS = List.of("tcp", "udp", "udp,tcp");
    static final String BOTH_PORTS = "cannot specify both ports and port definitions";
    static final String PORTS_UNIQUE = "ports must be unique";
    static final String NAMES_UNIQUE = "Port names must be unique.";
    static final String PORT_NUMBERS_UNIQUE = "Ports must be unique.";
    static final String MAPPINGS_ON_HOST = "portMappings are not allowed with host-networking";
    static final String DEFINITIONS_OFF_HOST = "portDefinitions are only allowed with host-networking";
    static final String BOTH_NETWORK_FORMS = "must not specify both container.docker.network and networks";
    static final String BOTH_MAPPING_FORMS = "cannot specify both portMappings and docker.portMappings";
    static final String HOST_NETWORK_NAMED = "Host networks may not have names or labels";
    static final String BRIDGE_NETWORK_NAMED = "Bridge networks may not have names";
    static final String DUPLICATE_NETWORKS = "Duplicate networks are not allowed";
    static final String NETWORK_MIX = "May specify a single host network, single bridge network, or else 1-to-n "
            + "container networks";
    static final String NETWORK_NAME_NEEDED = "networkNames must be a single item list when hostPort is specified "
            + "and more than 1 container network is defined";

    private static final int MAX_PORT = 65535;

    private PortRules() {
    }

    static void check(App app, Violations v) {
        checkNetworks(app, v);
        checkDeprecatedPorts(app, v);
        List<PortDefinition> definitions = app.portDefinitions() == null ? List.of() : app.portDefinitions();
        for (int i = 0; i < definitions.size(); i++) {
            PortDefinition d = definitions.get(i);
            v.between(at("/portDefinitions", i) + "/port", d.port(), 0, MAX_PORT);
            v.oneOf(at("/portDefinitions", i) + "/protocol", d.protocol(), PROTOCOLS);
        }
        if (hasDuplicates(definitions, PortDefinition::name)) {
            v.add("/portDefinitions", NAMES_UNIQUE);
        }
        if (hasDuplicates(definitions, d -> d.port() == null || d.port() == 0 ? null : d.port())) {
            v.add("/portDefinitions", PORT_NUMBERS_UNIQUE);
        }
        checkPortMappings(app, v);
        List<PortMapping> mappings = app.container() == null || app.container().portMappings() == null ? List.of()
                : app.container().portMappings();
        if (NetworkMode.isHost(app.networks()) && !mappings.isEmpty()) {
            v.add("/", MAPPINGS_ON_HOST);
        }
        if (NetworkMode.hasNonHost(app.networks()) && !definitions.isEmpty()) {
            v.add("/", DEFINITIONS_OFF_HOST);
        }
    }

    private static void checkNetworks(App app, Violations v) {
        List<Network> networks = app.networks() == null ? List.of() : app.networks();
        for (int i = 0; i < networks.size(); i++) {
            String mode = networks.get(i).mode();
            if (mode == null) {
                v.add(at("/networks", i) + "/mode", Violations.NOT_EMPTY);
            }
            v.oneOf(at("/networks", i) + "/mode", mode, NetworkMode.WIRE_VALUES);
        }
        long host = networks.stream().filter(n -> NetworkMode.HOST.wire.equals(n.mode())).count();
        long bridge = networks.stream().filter(n -> NetworkMode.BRIDGE.wire.equals(n.mode())).count();
        long container = networks.stream().filter(n -> NetworkMode.CONTAINER.wire.equals(n.mode())).count();
        if (networks.stream().anyMatch(n -> NetworkMode.HOST.wire.equals(n.mode())
                && (n.name() != null || (n.labels() != null && !n.labels().isEmpty())))) {
            v.add("/networks", HOST_NETWORK_NAMED);
        }
        if (networks.stream().anyMatch(n -> NetworkMode.BRIDGE.wire.equals(n.mode()) && n.name() != null)) {
            v.add("/networks", BRIDGE_NETWORK_NAMED);
        }
        if (new HashSet<>(networks).size() < networks.size()) {
            v.add("/networks", DUPLICATE_NETWORKS);
        }
        boolean mixed = (host > 0 ? 1 : 0) + (bridge > 0 ? 1 : 0) + (container > 0 ? 1 : 0) > 1;
        if (host > 1 || bridge > 1 || mixed) {
            v.add("/networks", NETWORK_MIX);
        }
        Container.Docker docker = app.container() == null ? null : app.container().docker();
        if (docker != null && docker.network() != null) {
            if (!networks.isEmpty()) {
                v.add("/", BOTH_NETWORK_FORMS);
            }
            if (NetworkMode.ofDockerNetwork(docker.network()).isEmpty()) {
                v.add("/container/docker/network", "unsupported docker network type " + docker.network());
            }
        }
    }

    private static void checkDeprecatedPorts(App app, Violations v) {
        if (app.ports() == null) {
            return;
        }
        List<Integer> nonZero = app.ports().stream().filter(p -> p != null && p != 0).toList();
        if (new HashSet<>(nonZero).size() < nonZero.size()) {
            v.add("/", PORTS_UNIQUE);
        }
        if (app.portDefinitions() != null
                && !app.portDefinitions().stream().map(PortDefinition::port).toList().equals(app.ports())) {
            v.add("/", BOTH_PORTS);
        }
    }

    private static void checkPortMappings(App app, Violations v) {
        Container c = app.container();
        if (c == null) {
            return;
        }
        List<PortMapping> dockerMappings = c.docker() == null ? null : c.docker().portMappings();
        if (dockerMappings != null && !dockerMappings.isEmpty() && c.portMappings() != null
                && !c.portMappings().isEmpty()) {
            v.add("/container", BOTH_MAPPING_FORMS);
        }
        List<PortMapping> mappings = c.portMappings() == null ? List.of() : c.portMappings();
        List<Network> networks = app.networks() == null ? List.of() : app.networks();
        List<String> networkNames = networks.stream().filter(n -> NetworkMode.CONTAINER.wire.equals(n.mode()))
                .map(Network::name).filter(Objects::nonNull).toList();
        long containerNetworks = networks.stream().filter(n -> NetworkMode.CONTAINER.wire.equals(n.mode())).count();
        for (int i = 0; i < mappings.size(); i++) {
            PortMapping m = mappings.get(i);
            String path = at("/container/portMappings", i);
            v.between(path + "/containerPort", m.containerPort(), 0, MAX_PORT);
            v.between(path + "/hostPort", m.hostPort(), 0, MAX_PORT);
            v.between(path + "/servicePort", m.servicePort(), 0, MAX_PORT);
            v.oneOf(path + "/protocol", m.protocol(), PROTOCOLS);
            List<String> names = m.networkNames() == null ? List.of() : m.networkNames();
            for (int j = 0; j < names.size(); j++) {
                v.oneOf(at(path + "/networkNames", j), names.get(j), networkNames);
            }
            if (containerNetworks > 1 && m.hostPort() != null && names.size() != 1) {
                v.add(path, NETWORK_NAME_NEEDED);
            }
        }
        if (hasDuplicates(mappings, PortMapping::name)) {
            v.add("/container/portMappings", NAMES_UNIQUE);
        }
    }

    /** Whether two elements share a key; elements without a key (null) never clash. */
    private static <T, K> boolean hasDuplicates(List<T> elements, Function<T, K> key) {
        Set<K> seen = new HashSet<>();
        return elements.stream().map(key).filter(Objects::nonNull).anyMatch(k -> !seen.add(k));
    }
}
