package io.mpaas.master.registry;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/** Spring Data repositories of the registry tables; package-private, used by {@link JpaRegistry} only. */
final class RegistryRepositories {

    private RegistryRepositories() {
    }

    interface Agents extends JpaRepository<AgentRecord, String> {

        /** Each agent's id and version, as {@code [String, Long]}: what a copy of the registry compares. */
        @Query("select a.agentId, a.version from AgentRecord a")
        List<Object[]> versions();

        /** How many agents, and the sum of their versions, as {@code [Long, Long]}. */
        @Query("select count(a), coalesce(sum(a.version), 0) from AgentRecord a")
        List<Object[]> fingerprint();
    }

    interface Weights extends JpaRepository<WeightRecord, String> {
    }

    interface Quotas extends JpaRepository<QuotaRecord, String> {
    }

    interface Maintenance extends JpaRepository<MaintenanceRecord, Integer> {
    }
}
