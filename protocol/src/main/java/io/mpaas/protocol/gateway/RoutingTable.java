package io.mpaas.protocol.gateway;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Everything one gateway routes, derived from marathon's apps: the frontends on service ports, the
 * virtual-host routes of the shared HTTP(S) frontends, the backends with their servers, and the
 * problems that kept apps (or ports of them) out. Rendered into HAProxy's configuration; the
 * difference between two tables decides between runtime-API changes and a reload.
 */
public record RoutingTable(List<ServiceFrontend> frontends, List<VhostRoute> vhosts, List<Backend> backends,
        List<AppProblem> problems) {

    public static final RoutingTable EMPTY = new RoutingTable(List.of(), List.of(), List.of(), List.of());

    public RoutingTable {
        frontends = frontends == null ? List.of() : List.copyOf(frontends);
        vhosts = vhosts == null ? List.of() : List.copyOf(vhosts);
        backends = backends == null ? List.of() : List.copyOf(backends);
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    /** The table without the given apps (left out because HAProxy refused them), with their problems added. */
    public RoutingTable without(Set<String> appIds, List<AppProblem> moreProblems) {
        Predicate<String> kept = id -> !appIds.contains(id);
        List<AppProblem> all = new java.util.ArrayList<>(problems);
        all.addAll(moreProblems);
        return new RoutingTable(frontends.stream().filter(f -> kept.test(f.appId())).toList(),
                vhosts.stream().filter(v -> kept.test(v.appId())).toList(),
                backends.stream().filter(b -> kept.test(b.appId())).toList(), all);
    }

    /** The ids of every app that has at least one backend here. */
    public Set<String> appIds() {
        Set<String> ids = new java.util.TreeSet<>();
        backends.forEach(b -> ids.add(b.appId()));
        return ids;
    }
}
