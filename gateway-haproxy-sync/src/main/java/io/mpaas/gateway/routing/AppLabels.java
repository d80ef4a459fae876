package io.mpaas.gateway.routing;

import io.mpaas.protocol.gateway.AppProblem;
import java.util.List;
import java.util.Map;

/**
 * An app's {@code HAPROXY_*} labels, read and checked, with a problem for every label that was ignored.
 *
 * @param groups   {@code HAPROXY_GROUP}, or null when absent (or rejected)
 * @param ports    the labels of each port index that has any
 * @param problems one per ignored label, in label-name order
 */
record AppLabels(List<String> groups, Map<Integer, PortLabels> ports, List<AppProblem> problems) {

    AppLabels {
        groups = groups == null ? null : List.copyOf(groups);
        ports = Map.copyOf(ports);
        problems = List.copyOf(problems);
    }

    PortLabels port(int portIndex) {
        return ports.getOrDefault(portIndex, PortLabels.NONE);
    }

    /**
     * The groups port {@code n} is in: its own group label overrides the app's, and a port with neither is in
     * {@link RoutingSettings#DEFAULT_GROUP}, as in marathon-lb.
     */
    List<String> groupsOf(int portIndex) {
        List<String> own = port(portIndex).groups();
        if (own != null) {
            return own;
        }
        return groups != null ? groups : List.of(RoutingSettings.DEFAULT_GROUP);
    }
}
