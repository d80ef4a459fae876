package io.mpaas.master.operator;

import io.mpaas.master.cluster.MasterTask;
import io.mpaas.master.cluster.OutstandingOffer;
import io.mpaas.master.operator.ClusterSnapshot.AgentView;
import io.mpaas.master.operator.ClusterSnapshot.FrameworkView;
import io.mpaas.master.registry.QuotaConfig;
import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.Resource;
import io.mpaas.protocol.mesos.Resources;
import io.mpaas.protocol.mesos.TaskState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One role as {@code /master/roles} and GET_ROLES report it: its weight and quota, and what it
 * holds. Mesos's {@code knownRoles}: every role a framework subscribed with, that holds
 * reservations, or that has a weight or a quota, together with the ancestors of each.
 *
 * @param allocated resources of the role's running tasks
 * @param offered resources in the role's outstanding offers
 * @param reserved scalar quantities reserved for the role on registered agents
 * @param consumed what counts against the role's quota: its reservations plus its unreserved allocation
 */
record RoleSummary(
        String name,
        double weight,
        QuotaConfig quota,
        Resources allocated,
        Resources offered,
        Map<String, Double> reserved,
        Map<String, Double> consumed,
        List<FrameworkId> frameworks) {

    /** Mesos's default weight of a role nobody configured. */
    static final double DEFAULT_WEIGHT = 1.0;

    static List<RoleSummary> all(ClusterSnapshot snapshot) {
        Map<String, Resources> allocated = new TreeMap<>();
        Map<String, Resources> offered = new TreeMap<>();
        Map<String, List<FrameworkId>> frameworks = new TreeMap<>();
        for (FrameworkView f : snapshot.frameworks()) {
            for (String role : f.info().effectiveRoles()) {
                frameworks.computeIfAbsent(role, r -> new ArrayList<>()).add(f.id());
            }
            for (MasterTask task : f.tasks()) {
                if (!task.state().isTerminal() && task.state() != TaskState.TASK_UNREACHABLE) {
                    allocated.merge(task.role(), task.resources(), Resources::plus);
                }
            }
            for (OutstandingOffer offer : f.offers()) {
                offered.merge(offer.role(), offer.resources(), Resources::plus);
            }
        }
        Map<String, Resources> reserved = new TreeMap<>();
        for (AgentView agent : snapshot.registeredAgents()) {
            for (String role : V0Writer.reservationRoles(agent.total())) {
                reserved.merge(role, agent.total().reservedFor(role), Resources::plus);
            }
        }
        TreeMap<String, Boolean> known = new TreeMap<>();
        for (String role : concat(frameworks.keySet(), reserved.keySet(), snapshot.weights().keySet(),
                snapshot.quotas().keySet())) {
            // A role's ancestors are roles too: "eng/web" makes "eng" known.
            for (int slash = role.indexOf('/'); slash > 0; slash = role.indexOf('/', slash + 1)) {
                known.put(role.substring(0, slash), true);
            }
            known.put(role, true);
        }
        List<RoleSummary> result = new ArrayList<>(known.size());
        for (String role : known.keySet()) {
            Resources a = allocated.getOrDefault(role, Resources.EMPTY);
            Map<String, Double> r = reserved.getOrDefault(role, Resources.EMPTY).scalars();
            Map<String, Double> consumed = new LinkedHashMap<>(r);
            a.filter(Resource::isUnreserved).scalars().forEach((k, v) -> consumed.merge(k, v, Double::sum));
            result.add(new RoleSummary(role, snapshot.weights().getOrDefault(role, DEFAULT_WEIGHT),
                    snapshot.quotas().get(role), a, offered.getOrDefault(role, Resources.EMPTY), r, consumed,
                    frameworks.getOrDefault(role, List.of())));
        }
        return result;
    }

    @SafeVarargs
    private static List<String> concat(java.util.Collection<String>... collections) {
        List<String> all = new ArrayList<>();
        for (java.util.Collection<String> c : collections) {
            all.addAll(c);
        }
        return all;
    }
}
