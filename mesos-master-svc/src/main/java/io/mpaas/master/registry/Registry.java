package io.mpaas.master.registry;

import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.AgentInfo;
import io.mpaas.protocol.mesos.master.MaintenanceSchedule;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What survives a master failover, as in Mesos's registry: the admitted agents (and which are
 * unreachable or gone), role weights, quotas and the maintenance schedule. Frameworks, tasks and
 * offers are deliberately not here: a new leader rebuilds them from agents and frameworks.
 */
public interface Registry {

    /** Everything stored. A master reads it through {@link RegistryMirror}, which reads only what changed. */
    RegistryState load();

    /**
     * The version of every stored agent, without its description: cheap to read, and enough to
     * tell which agents changed since a copy was made (a version grows with every change to its agent).
     */
    default Map<AgentId, Long> agentVersions() {
        Map<AgentId, Long> versions = new LinkedHashMap<>();
        load().agents().forEach(a -> versions.put(a.info().id(), a.version()));
        return versions;
    }

    /**
     * How many agents are stored and the sum of their versions: one row to read. Agents are never
     * deleted and a version only grows, so any change to the agents changes this; a copy whose own
     * fingerprint is the same holds every agent as stored.
     */
    default AgentFingerprint agentFingerprint() {
        return AgentFingerprint.of(agentVersions().values());
    }

    /**
     * The agents' fingerprint and the settings (weights, quotas, maintenance) in one read: all an
     * up-to-date copy needs to confirm, which is what a newly elected leader usually does.
     */
    default Head head() {
        return new Head(agentFingerprint(), settings());
    }

    /** See {@link #head()}; {@code settings} holds no agents. */
    record Head(AgentFingerprint agents, RegistryState settings) {
    }

    /** The stored agents among {@code ids} (unknown ids are skipped). */
    default List<AdmittedAgent> agents(Collection<AgentId> ids) {
        Set<AgentId> wanted = new HashSet<>(ids);
        return load().agents().stream().filter(a -> wanted.contains(a.info().id())).toList();
    }

    /** Weights, quotas and the maintenance schedule, without the agents (few rows: always read whole). */
    default RegistryState settings() {
        RegistryState all = load();
        return new RegistryState(List.of(), all.weights(), all.quotas(), all.maintenance());
    }

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

    /**
     * An agent once admitted, and whether it is still expected back.
     *
     * @param version grows with every change to the stored agent (its row's optimistic-lock version)
     */
    record AdmittedAgent(AgentInfo info, AgentStanding standing, Instant admittedAt, Instant unreachableAt,
            long version) {
    }

    /** See {@link #agentFingerprint()}. */
    record AgentFingerprint(long agents, long versionSum) {
        public static AgentFingerprint of(Collection<Long> versions) {
            long sum = 0;
            for (long v : versions) {
                sum += v;
            }
            return new AgentFingerprint(versions.size(), sum);
        }
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
