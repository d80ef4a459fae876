package io.mpaas.master.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.AgentInfo;
import io.mpaas.protocol.mesos.Attribute;
import io.mpaas.protocol.mesos.DurationInfo;
import io.mpaas.protocol.mesos.Resources;
import io.mpaas.protocol.mesos.TimeInfo;
import io.mpaas.protocol.mesos.Unavailability;
import io.mpaas.protocol.mesos.master.MaintenanceSchedule;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Registry} must do, run against each implementation (in memory in unit tests,
 * JPA on real PostgreSQL in an integration test), so the fast fake cannot drift from the real store.
 */
abstract class RegistryContract {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    abstract Registry registry();

    static AgentInfo agent(String id, String host) {
        return new AgentInfo(host, 5051, Resources.parse("cpus:4;mem:8192;ports:[31000-32000];cpus(web):1").toList(),
                Attribute.parseAll("rack:r1;level:2"), AgentId.of(id), null);
    }

    @Test
    void admittedAgentsComeBackWithTheirDescription() {
        Registry registry = registry();
        registry.admit(agent("m-S0", "host-a"), T0);
        registry.admit(agent("m-S1", "host-b"), T0.plusSeconds(1));
        Registry.RegistryState state = registry.load();
        assertThat(state.agents()).hasSize(2);
        Registry.AdmittedAgent a = state.agents().stream().filter(x -> x.info().id().value().equals("m-S0"))
                .findFirst().orElseThrow();
        assertThat(a.info()).isEqualTo(agent("m-S0", "host-a"));
        assertThat(Resources.of(a.info().resources())).isEqualTo(Resources.parse(
                "cpus:4;mem:8192;ports:[31000-32000];cpus(web):1"));
        assertThat(a.standing()).isEqualTo(Registry.AgentStanding.ADMITTED);
        assertThat(a.admittedAt()).isEqualTo(T0);
    }

    @Test
    void agentStandingChanges() {
        Registry registry = registry();
        registry.admit(agent("m-S0", "host-a"), T0);
        registry.markUnreachable(AgentId.of("m-S0"), T0.plusSeconds(75));
        Registry.AdmittedAgent unreachable = registry.load().agents().getFirst();
        assertThat(unreachable.standing()).isEqualTo(Registry.AgentStanding.UNREACHABLE);
        assertThat(unreachable.unreachableAt()).isEqualTo(T0.plusSeconds(75));

        registry.markReachable(agent("m-S0", "host-a2"));
        Registry.AdmittedAgent back = registry.load().agents().getFirst();
        assertThat(back.standing()).isEqualTo(Registry.AgentStanding.ADMITTED);
        assertThat(back.info().hostname()).isEqualTo("host-a2");
        assertThat(back.unreachableAt()).isNull();
        assertThat(back.admittedAt()).isEqualTo(T0);

        registry.markGone(AgentId.of("m-S0"), T0.plusSeconds(100));
        assertThat(registry.load().agents().getFirst().standing()).isEqualTo(Registry.AgentStanding.GONE);
        // Unknown agents are ignored, not invented.
        registry.markUnreachable(AgentId.of("nope"), T0);
        assertThat(registry.load().agents()).hasSize(1);
    }

    @Test
    void reachableUnknownAgentIsAdmitted() {
        Registry registry = registry();
        registry.markReachable(agent("m-S9", "host-z"));
        assertThat(registry.load().agents()).extracting(a -> a.info().id().value()).containsExactly("m-S9");
    }

    @Test
    void weightsQuotasAndMaintenanceRoundTrip() {
        Registry registry = registry();
        registry.updateWeights(Map.of("web", 2.0, "batch", 0.5));
        registry.updateWeights(Map.of("web", 3.0));
        registry.updateQuota("web", new QuotaConfig(Map.of("cpus", 4.0), Map.of("cpus", 8.0, "mem", 4096.0)));
        registry.updateQuota("batch", new QuotaConfig(Map.of(), Map.of("cpus", 1.0)));
        registry.updateQuota("batch", QuotaConfig.NONE);
        MaintenanceSchedule schedule = new MaintenanceSchedule(List.of(new MaintenanceSchedule.Window(
                List.of(new MaintenanceSchedule.MachineId("host-a", "10.0.0.1")),
                new Unavailability(new TimeInfo(1_000_000_000L), new DurationInfo(3_600_000_000_000L)))));
        registry.updateMaintenance(schedule);

        Registry.RegistryState state = registry.load();
        assertThat(state.weights()).isEqualTo(Map.of("web", 3.0, "batch", 0.5));
        assertThat(state.quotas()).isEqualTo(Map.of("web",
                new QuotaConfig(Map.of("cpus", 4.0), Map.of("cpus", 8.0, "mem", 4096.0))));
        assertThat(state.maintenance()).isEqualTo(schedule);
        registry.updateMaintenance(MaintenanceSchedule.EMPTY);
        assertThat(registry.load().maintenance()).isEqualTo(MaintenanceSchedule.EMPTY);
    }

    @Test
    void versionsGrowWithEveryChangeAndOnlyThen() {
        Registry registry = registry();
        assertThat(registry.agentFingerprint()).isEqualTo(new Registry.AgentFingerprint(0, 0));
        registry.admit(agent("m-S0", "host-a"), T0);
        registry.admit(agent("m-S1", "host-b"), T0);
        Map<AgentId, Long> first = registry.agentVersions();
        assertThat(first).containsOnlyKeys(AgentId.of("m-S0"), AgentId.of("m-S1"));
        Registry.AgentFingerprint fingerprint = registry.agentFingerprint();
        assertThat(fingerprint).isEqualTo(Registry.AgentFingerprint.of(first.values()));

        // The same description again changes nothing, so the version stays.
        registry.admit(agent("m-S0", "host-a"), T0.plusSeconds(5));
        assertThat(registry.agentVersions()).isEqualTo(first);
        assertThat(registry.agentFingerprint()).isEqualTo(fingerprint);

        registry.markUnreachable(AgentId.of("m-S1"), T0.plusSeconds(75));
        assertThat(registry.agentFingerprint().versionSum()).isGreaterThan(fingerprint.versionSum());
        Map<AgentId, Long> second = registry.agentVersions();
        assertThat(second.get(AgentId.of("m-S0"))).isEqualTo(first.get(AgentId.of("m-S0")));
        assertThat(second.get(AgentId.of("m-S1"))).isGreaterThan(first.get(AgentId.of("m-S1")));

        registry.markReachable(agent("m-S1", "host-b2"));
        assertThat(registry.agentVersions().get(AgentId.of("m-S1"))).isGreaterThan(second.get(AgentId.of("m-S1")));
        // What load() reports carries the same versions.
        assertThat(registry.load().agents()).allSatisfy(a ->
                assertThat(a.version()).isEqualTo(registry.agentVersions().get(a.info().id())));
    }

    @Test
    void agentsAreReadByIdAndSettingsWithoutAgents() {
        Registry registry = registry();
        for (int i = 0; i < 5; i++) {
            registry.admit(agent("m-S" + i, "host-" + i), T0);
        }
        registry.markUnreachable(AgentId.of("m-S3"), T0.plusSeconds(75));
        registry.updateWeights(Map.of("web", 2.0));

        List<Registry.AdmittedAgent> some = registry.agents(List.of(AgentId.of("m-S1"), AgentId.of("m-S3"),
                AgentId.of("nope")));
        assertThat(some).extracting(a -> a.info().id().value()).containsExactlyInAnyOrder("m-S1", "m-S3");
        Registry.AdmittedAgent s3 = some.stream().filter(a -> a.info().id().value().equals("m-S3")).findFirst()
                .orElseThrow();
        assertThat(s3.standing()).isEqualTo(Registry.AgentStanding.UNREACHABLE);
        assertThat(s3.info()).isEqualTo(agent("m-S3", "host-3"));
        assertThat(registry.agents(List.of())).isEmpty();

        Registry.RegistryState settings = registry.settings();
        assertThat(settings.agents()).isEmpty();
        assertThat(settings.weights()).isEqualTo(Map.of("web", 2.0));
        assertThat(settings.maintenance()).isEqualTo(MaintenanceSchedule.EMPTY);
    }
}
