package io.mpaas.master.registry;

import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.AgentInfo;
import io.mpaas.protocol.mesos.master.MaintenanceSchedule;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What survives a master failover, as in Mesos's registry: the admitted agents (and which are
 * unreachable or gone), role weights, quotas and the maintenance schedule. Frameworks, tasks and
 * offers are deliberately not here: a new leader rebuilds them from agents and frameworks.
 */
public interface Registry {

    /** Everything stored, read by a newly elected leader before it serves. */
    RegistryState load();

    /** Admits a newly registered agent. Durable before the agent is told it is registered. */
    void admit(AgentInfo agent, Instant at);

    void markUnreachable(AgentId agent, Instant at);

    /** The agent re-registered; {@code agent} is its current self-description. */
    void markReachable(AgentInfo agent);

    void markGone(AgentId agent, Instant at);

    void updateWeights(Map<String, Double> weights);

    /** Sets a role's quota; an empty quota removes it. */
    void updateQuota(String role, QuotaConfig quota);

    void updateMaintenance(MaintenanceSchedule schedule);

    /** The registry's contents. */
    record RegistryState(List<AdmittedAgent> agents, Map<String, Double> weights, Map<String, QuotaConfig> quotas,
            MaintenanceSchedule maintenance) {
        public RegistryState {
            agents = List.copyOf(agents);
            weights = Map.copyOf(weights);
            quotas = Map.copyOf(quotas);
        }
    }

    /** An agent once admitted, and whether it is still expected back. */
    record AdmittedAgent(AgentInfo info, AgentStanding standing, Instant admittedAt, Instant unreachableAt) {
    }

    enum AgentStanding {
        /** Expected to re-register with a new leader. */
        ADMITTED,
        /** Missed its pings; may still come back. */
        UNREACHABLE,
        /** Marked gone by an operator; never accepted again. */
        GONE
    }
}
