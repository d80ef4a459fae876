package io.mpaas.master.registry;

import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.AgentInfo;
import io.mpaas.protocol.mesos.master.MaintenanceSchedule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/** A registry that lives and dies with the process: for unit and scenario tests, never for a real master. */
public final class InMemoryRegistry implements Registry {

    private final Map<AgentId, AdmittedAgent> agents = new LinkedHashMap<>();
    private final Map<String, Double> weights = new LinkedHashMap<>();
    private final Map<String, QuotaConfig> quotas = new LinkedHashMap<>();
    private MaintenanceSchedule maintenance = MaintenanceSchedule.EMPTY;

    @Override
    public synchronized RegistryState load() {
        return new RegistryState(new ArrayList<>(agents.values()), weights, quotas, maintenance);
    }

    @Override
    public synchronized void admit(AgentInfo agent, Instant at) {
        AdmittedAgent a = agents.get(agent.id());
        if (a == null) {
            agents.put(agent.id(), new AdmittedAgent(agent, AgentStanding.ADMITTED, at, null, 0));
        } else if (!agent.equals(a.info()) || a.standing() != AgentStanding.ADMITTED || a.unreachableAt() != null) {
            // As JPA's @Version: an update that changes nothing leaves the version alone.
            agents.put(agent.id(), new AdmittedAgent(agent, AgentStanding.ADMITTED, a.admittedAt(), null,
                    a.version() + 1));
        }
    }

    @Override
    public synchronized void markUnreachable(AgentId agent, Instant at) {
        agents.computeIfPresent(agent, (id, a) -> new AdmittedAgent(a.info(), AgentStanding.UNREACHABLE,
                a.admittedAt(), at, a.version() + 1));
    }

    @Override
    public synchronized void markReachable(AgentInfo agent) {
        // Keeps the time of the first admission; an unknown agent is admitted (as the JPA registry does).
        admit(agent, Instant.EPOCH);
    }

    @Override
    public synchronized void markGone(AgentId agent, Instant at) {
        agents.computeIfPresent(agent, (id, a) -> new AdmittedAgent(a.info(), AgentStanding.GONE, a.admittedAt(),
                a.unreachableAt(), a.version() + 1));
    }

    @Override
    public synchronized void updateWeights(Map<String, Double> newWeights) {
        weights.putAll(newWeights);
    }

    @Override
    public synchronized void updateQuota(String role, QuotaConfig quota) {
        if (quota.isEmpty()) {
            quotas.remove(role);
        } else {
            quotas.put(role, quota);
        }
    }

    @Override
    public synchronized void updateMaintenance(MaintenanceSchedule schedule) {
        maintenance = schedule;
    }
}
