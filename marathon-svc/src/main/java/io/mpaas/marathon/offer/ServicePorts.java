package io.mpaas.marathon.offer;

import io.mpaas.marathon.MarathonFailure;
import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.group.RootGroup;
import io.mpaas.marathon.offer.PortLayout.Networking;
import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.Container;
import io.mpaas.protocol.marathon.PortDefinition;
import io.mpaas.protocol.marathon.PortMapping;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Marathon's service ports: a cluster-unique port per app port, which load balancers such as
 * marathon-lb (and our HAProxy) listen on. A port definition with {@code port: 0} (host
 * networking, without {@code requirePorts}) or a port mapping with {@code servicePort: 0} asks
 * for one; it gets the lowest port in {@code [min, max]} no other app of the group uses.
 *
 * <p>Assigned ports are kept: an app whose port at some position had a service port in the
 * original group gets that same port back at that position when it asks for 0 again (a
 * client that re-sends its definition with {@code port: 0} must not move its load balancer
 * port), unless another app now claims it explicitly. Explicit non-zero service ports are kept
 * as given; conflicts between explicit ports are validation's business, not this class's.
 */
public final class ServicePorts {

    private ServicePorts() {
    }

    /**
     * {@code target} with every requested service port assigned.
     *
     * @param original the group before the change (where already assigned ports are looked up)
     * @throws MarathonFailure of kind INVALID (422) naming the range when it has no free port left
     */
    public static RootGroup assign(RootGroup original, RootGroup target, int min, int max) {
        if (min < 1 || max > 65535 || min > max) {
            throw new IllegalArgumentException("invalid service port range [" + min + ", " + max + "]");
        }
        Set<Integer> used = new HashSet<>();
        for (App app : target.apps().values()) {
            for (int port : servicePorts(app)) {
                if (port != 0) {
                    used.add(port);
                }
            }
        }
        // First every app takes back what it had, so that no fresh assignment can take it away.
        Map<PathId, List<Integer>> wanted = new TreeMap<>();
        for (Map.Entry<PathId, App> entry : target.apps().entrySet()) {
            App app = entry.getValue();
            PortLayout layout = PortLayout.of(app);
            if (!wantsAssignment(app, layout)) {
                continue;
            }
            List<Integer> previous = original.app(entry.getKey())
                    .filter(old -> PortLayout.of(old).networking() == layout.networking())
                    .map(ServicePorts::servicePorts).orElse(List.of());
            List<Integer> ports = new ArrayList<>(layout.servicePorts());
            for (int i = 0; i < ports.size(); i++) {
                Integer kept = i < previous.size() ? previous.get(i) : null;
                if (ports.get(i) == 0 && kept != null && kept != 0 && used.add(kept)) {
                    ports.set(i, kept);
                }
            }
            wanted.put(entry.getKey(), ports);
        }
        RootGroup result = target;
        int next = min;
        for (Map.Entry<PathId, List<Integer>> entry : wanted.entrySet()) {
            App app = target.apps().get(entry.getKey());
            PortLayout layout = PortLayout.of(app);
            List<Integer> ports = entry.getValue();
            for (int i = 0; i < ports.size(); i++) {
                if (ports.get(i) != 0) {
                    continue;
                }
                while (next <= max && used.contains(next)) {
                    next++;
                }
                if (next > max) {
                    throw MarathonFailure.of(MarathonFailure.Kind.INVALID, "All service ports in the range ["
                            + min + ", " + max + "] are in use; app " + entry.getKey()
                            + " cannot get a service port");
                }
                ports.set(i, next);
                used.add(next);
            }
            result = result.putApp(entry.getKey(), withServicePorts(app, layout, ports));
        }
        return result;
    }

    /**
     * The app's service ports in port order: the port definitions' ports under host
     * networking, the port mappings' service ports otherwise; 0 where none is assigned.
     */
    public static List<Integer> servicePorts(App app) {
        return PortLayout.of(app).servicePorts();
    }

    private static boolean wantsAssignment(App app, PortLayout layout) {
        return asksForServicePort(app, layout) && layout.ports().stream().anyMatch(p -> p.servicePort() == 0);
    }

    /** With {@code requirePorts}, a host-networking port 0 is "any host port", not a service port request. */
    private static boolean asksForServicePort(App app, PortLayout layout) {
        return layout.networking() != Networking.HOST || !Boolean.TRUE.equals(app.requirePorts());
    }

    private static App withServicePorts(App app, PortLayout layout, List<Integer> ports) {
        if (layout.networking() == Networking.HOST) {
            List<PortDefinition> definitions = PortLayout.portDefinitions(app);
            List<PortDefinition> updated = new ArrayList<>(definitions.size());
            for (int i = 0; i < definitions.size(); i++) {
                PortDefinition d = definitions.get(i);
                updated.add(new PortDefinition(ports.get(i), d.protocol(), d.name(), d.labels()));
            }
            return app.toBuilder().portDefinitions(updated).ports(null).build();
        }
        List<PortMapping> mappings = PortLayout.portMappings(app);
        List<PortMapping> updated = new ArrayList<>(mappings.size());
        for (int i = 0; i < mappings.size(); i++) {
            PortMapping m = mappings.get(i);
            updated.add(new PortMapping(m.containerPort(), m.hostPort(), ports.get(i), m.protocol(), m.name(),
                    m.labels(), m.networkNames()));
        }
        Container c = app.container();
        Container container = c.portMappings() != null || c.docker() == null
                ? new Container(c.type(), c.docker(), c.volumes(), updated)
                : new Container(c.type(), new Container.Docker(c.docker().image(), c.docker().network(), updated,
                        c.docker().privileged(), c.docker().parameters(), c.docker().forcePullImage()),
                        c.volumes(), c.portMappings());
        return app.toBuilder().container(container).build();
    }
}
