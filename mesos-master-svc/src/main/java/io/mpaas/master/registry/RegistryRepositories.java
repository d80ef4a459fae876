package io.mpaas.master.registry;

import org.springframework.data.jpa.repository.JpaRepository;

/** Spring Data repositories of the registry tables; package-private, used by {@link JpaRegistry} only. */
final class RegistryRepositories {

    private RegistryRepositories() {
    }

    interface Agents extends JpaRepository<AgentRecord, String> {
    }

    interface Weights extends JpaRepository<WeightRecord, String> {
    }

    interface Quotas extends JpaRepository<QuotaRecord, String> {
    }

    interface Maintenance extends JpaRepository<MaintenanceRecord, Integer> {
    }
}
