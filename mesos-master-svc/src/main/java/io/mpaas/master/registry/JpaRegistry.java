package io.mpaas.master.registry;

import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.AgentInfo;
import io.mpaas.protocol.mesos.MesosJson;
import io.mpaas.protocol.mesos.master.MaintenanceSchedule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;

/**
 * The registry on PostgreSQL (or, in local mode only, an embedded H2 file). Each method is one
 * transaction; the master calls {@link #admit} before telling an agent it is registered.
 */
public class JpaRegistry implements Registry {

    private static final TypeReference<Map<String, Double>> QUANTITIES = new TypeReference<>() {
    };

    /** Agents read per query when reading some by id. */
    private static final int ID_SLICE = 1000;

    private final RegistryRepositories.Agents agents;
    private final RegistryRepositories.Weights weights;
    private final RegistryRepositories.Quotas quotas;
    private final RegistryRepositories.Maintenance maintenance;

    JpaRegistry(RegistryRepositories.Agents agents, RegistryRepositories.Weights weights,
            RegistryRepositories.Quotas quotas, RegistryRepositories.Maintenance maintenance) {
        this.agents = agents;
        this.weights = weights;
        this.quotas = quotas;
        this.maintenance = maintenance;
    }

    @Override
    @Transactional(readOnly = true)
    public RegistryState load() {
        RegistryState settings = settings();
        return new RegistryState(parse(agents.findAll()), settings.weights(), settings.quotas(),
                settings.maintenance());
    }

    @Override
    @Transactional(readOnly = true)
    public Map<AgentId, Long> agentVersions() {
        Map<AgentId, Long> versions = new LinkedHashMap<>();
        for (Object[] row : agents.versions()) {
            versions.put(AgentId.of((String) row[0]), ((Number) row[1]).longValue());
        }
        return versions;
    }

    @Override
    @Transactional(readOnly = true)
    public Head head() {
        return new Head(agentFingerprint(), settings());
    }

    @Override
    @Transactional(readOnly = true)
    public AgentFingerprint agentFingerprint() {
        Object[] row = agents.fingerprint().getFirst();
        return new AgentFingerprint(((Number) row[0]).longValue(), ((Number) row[1]).longValue());
    }

    @Override
    @Transactional(readOnly = true)
    public List<AdmittedAgent> agents(Collection<AgentId> ids) {
        List<AgentRecord> records = new ArrayList<>();
        List<String> keys = ids.stream().map(AgentId::value).toList();
        // In slices: one IN list of ten thousand parameters is slower than a few of a thousand.
        for (int from = 0; from < keys.size(); from += ID_SLICE) {
            records.addAll(agents.findAllById(keys.subList(from, Math.min(keys.size(), from + ID_SLICE))));
        }
        return parse(records);
    }

    /** Parsed on all cores: after a cold start a new leader reads every agent before it may serve. */
    private static List<AdmittedAgent> parse(List<AgentRecord> records) {
        return records.parallelStream()
                .map(r -> new AdmittedAgent(MesosJson.read(r.agentInfo(), AgentInfo.class), r.standing(),
                        r.admittedAt(), r.unreachableAt(), r.version()))
                .toList();
    }

    @Override
    @Transactional(readOnly = true)
    public RegistryState settings() {
        Map<String, Double> w = new LinkedHashMap<>();
        weights.findAll().forEach(r -> w.put(r.role(), r.weight()));
        Map<String, QuotaConfig> q = new LinkedHashMap<>();
        quotas.findAll().forEach(r -> q.put(r.role(), new QuotaConfig(quantities(r.guarantee()),
                quantities(r.limit()))));
        MaintenanceSchedule schedule = maintenance.findById(MaintenanceRecord.ONLY)
                .map(r -> MesosJson.read(r.schedule(), MaintenanceSchedule.class))
                .orElse(MaintenanceSchedule.EMPTY);
        return new RegistryState(List.of(), w, q, schedule);
    }

    @Override
    @Transactional
    public void admit(AgentInfo agent, Instant at) {
        AgentRecord record = agents.findById(agent.id().value()).orElse(null);
        if (record == null) {
            agents.save(new AgentRecord(agent.id().value(), agent.hostname(), MesosJson.writeString(agent),
                    AgentStanding.ADMITTED, at));
        } else {
            record.describe(agent.hostname(), MesosJson.writeString(agent));
            record.standing(AgentStanding.ADMITTED, null);
        }
    }

    @Override
    @Transactional
    public void markUnreachable(AgentId agent, Instant at) {
        agents.findById(agent.value()).ifPresent(r -> r.standing(AgentStanding.UNREACHABLE, at));
    }

    @Override
    @Transactional
    public void markReachable(AgentInfo agent) {
        AgentRecord record = agents.findById(agent.id().value()).orElse(null);
        if (record == null) {
            admit(agent, Instant.EPOCH);
            return;
        }
        record.describe(agent.hostname(), MesosJson.writeString(agent));
        record.standing(AgentStanding.ADMITTED, null);
    }

    @Override
    @Transactional
    public void markGone(AgentId agent, Instant at) {
        agents.findById(agent.value()).ifPresent(r -> r.standing(AgentStanding.GONE, r.unreachableAt()));
    }

    @Override
    @Transactional
    public void updateWeights(Map<String, Double> newWeights) {
        for (Map.Entry<String, Double> e : newWeights.entrySet()) {
            weights.findById(e.getKey()).ifPresentOrElse(r -> r.weight(e.getValue()),
                    () -> weights.save(new WeightRecord(e.getKey(), e.getValue())));
        }
    }

    @Override
    @Transactional
    public void updateQuota(String role, QuotaConfig quota) {
        if (quota.isEmpty()) {
            quotas.deleteById(role);
            return;
        }
        String guarantee = MesosJson.writeString(quota.guarantee());
        String limit = MesosJson.writeString(quota.limit());
        quotas.findById(role).ifPresentOrElse(r -> r.set(guarantee, limit),
                () -> quotas.save(new QuotaRecord(role, guarantee, limit)));
    }

    @Override
    @Transactional
    public void updateMaintenance(MaintenanceSchedule schedule) {
        String json = MesosJson.writeString(schedule);
        maintenance.findById(MaintenanceRecord.ONLY).ifPresentOrElse(r -> r.schedule(json),
                () -> maintenance.save(new MaintenanceRecord(json)));
    }

    private static Map<String, Double> quantities(String json) {
        return MesosJson.mapper().readValue(json, QUANTITIES);
    }
}
