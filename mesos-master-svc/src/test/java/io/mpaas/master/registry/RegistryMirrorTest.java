package io.mpaas.master.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.AgentInfo;
import io.mpaas.protocol.mesos.master.MaintenanceSchedule;
import io.mpaas.testkit.time.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The standby's copy of the registry: what each refresh reads, and what it then holds. */
class RegistryMirrorTest {

    private static final Duration FULL_READ_AFTER = Duration.ofMinutes(10);

    private final MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");
    private final StoredRows stored = new StoredRows(clock);
    private final RegistryMirror mirror = new RegistryMirror(stored, clock);

    private static AgentInfo agent(int n, String host) {
        return RegistryContract.agent("m-S" + n, host);
    }

    private static AgentId id(int n) {
        return AgentId.of("m-S" + n);
    }

    @Test
    void theFirstRefreshReadsEverything() {
        for (int i = 0; i < 3; i++) {
            stored.put(agent(i, "host-" + i), Registry.AgentStanding.ADMITTED, 0);
        }
        RegistryMirror.Refresh refresh = mirror.refresh();
        assertThat(refresh.full()).isTrue();
        assertThat(refresh.agentsRead()).isEqualTo(3);
        assertThat(refresh.previous()).isEmpty();
        assertThat(refresh.state().agents()).extracting(a -> a.info().id()).containsExactly(id(0), id(1), id(2));
        // The stored rows took 800 ms to read, on the injected clock.
        assertThat(refresh.took()).isEqualTo(StoredRows.FULL_READ);
        assertThat(mirror.refreshedAt()).contains(clock.instant());
    }

    @Test
    void laterRefreshesReadOnlyTheAgentsThatChanged() {
        for (int i = 0; i < 4; i++) {
            stored.put(agent(i, "host-" + i), Registry.AgentStanding.ADMITTED, 0);
        }
        mirror.refresh();
        Instant firstRefresh = clock.instant();
        clock.advance(Duration.ofSeconds(5));
        stored.put(agent(1, "host-1"), Registry.AgentStanding.UNREACHABLE, 1);
        stored.put(agent(2, "host-2-renamed"), Registry.AgentStanding.ADMITTED, 1);
        stored.put(agent(7, "host-7"), Registry.AgentStanding.ADMITTED, 0);
        stored.weights.put("web", 2.0);
        stored.readById.clear();

        RegistryMirror.Refresh refresh = mirror.refresh();

        assertThat(refresh.full()).isFalse();
        assertThat(stored.readById).containsExactlyInAnyOrder(id(1), id(2), id(7));
        assertThat(refresh.agentsRead()).isEqualTo(3);
        assertThat(refresh.previous()).contains(firstRefresh);
        Map<AgentId, Registry.AdmittedAgent> agents = byId(refresh.state());
        assertThat(agents).containsOnlyKeys(id(0), id(1), id(2), id(3), id(7));
        assertThat(agents.get(id(1)).standing()).isEqualTo(Registry.AgentStanding.UNREACHABLE);
        assertThat(agents.get(id(2)).info().hostname()).isEqualTo("host-2-renamed");
        assertThat(agents.get(id(3)).info()).isEqualTo(agent(3, "host-3"));
        // Weights, quotas and maintenance are read whole every time.
        assertThat(refresh.state().weights()).isEqualTo(Map.of("web", 2.0));
        // Only the fingerprint, the versions and the three rows were read, not the 800 ms of a full read.
        assertThat(refresh.took()).isEqualTo(StoredRows.FINGERPRINT_READ.plus(StoredRows.VERSIONS_READ));
    }

    @Test
    void aRefreshWithNothingChangedReadsNoAgent() {
        stored.put(agent(0, "host-0"), Registry.AgentStanding.ADMITTED, 3);
        stored.put(agent(1, "host-1"), Registry.AgentStanding.UNREACHABLE, 5);
        mirror.refresh();
        stored.readById.clear();

        RegistryMirror.Refresh refresh = mirror.refresh();

        // The fingerprint (one row) matches the copy's: not even the versions are read.
        assertThat(refresh.agentsRead()).isZero();
        assertThat(stored.versionQueries).isZero();
        assertThat(stored.readById).isEmpty();
        assertThat(stored.byIdQueries).isEqualTo(0);
        assertThat(refresh.took()).isEqualTo(StoredRows.FINGERPRINT_READ);
        assertThat(refresh.state().agents()).extracting(a -> a.info().id()).containsExactly(id(0), id(1));
    }

    @Test
    void agentsNoLongerStoredLeaveTheCopy() {
        stored.put(agent(0, "host-0"), Registry.AgentStanding.ADMITTED, 0);
        stored.put(agent(1, "host-1"), Registry.AgentStanding.ADMITTED, 0);
        mirror.refresh();
        stored.rows.remove(id(1));

        RegistryMirror.Refresh refresh = mirror.refresh();

        assertThat(refresh.agentsDropped()).isEqualTo(1);
        assertThat(refresh.state().agents()).extracting(a -> a.info().id()).containsExactly(id(0));
    }

    @Test
    void aStandbyReadsEverythingAgainOncePerPeriod() {
        stored.put(agent(0, "host-0"), Registry.AgentStanding.ADMITTED, 0);
        assertThat(mirror.refreshWhileStandby(FULL_READ_AFTER).full()).isTrue();

        // A row changed by hand, without its version: a refresh cannot see it...
        stored.put(agent(0, "edited-by-hand"), Registry.AgentStanding.ADMITTED, 0);
        clock.advance(Duration.ofMinutes(5));
        RegistryMirror.Refresh early = mirror.refreshWhileStandby(FULL_READ_AFTER);
        assertThat(early.full()).isFalse();
        assertThat(early.state().agents().getFirst().info().hostname()).isEqualTo("host-0");

        // ...the next full read does, once the period is over.
        clock.advance(Duration.ofMinutes(5));
        RegistryMirror.Refresh due = mirror.refreshWhileStandby(FULL_READ_AFTER);
        assertThat(due.full()).isTrue();
        assertThat(due.state().agents().getFirst().info().hostname()).isEqualTo("edited-by-hand");

        // An election never waits for a full read, however old the last one is.
        clock.advance(Duration.ofHours(1));
        assertThat(mirror.refresh().full()).isFalse();
    }

    @Test
    void anEmptyRegistryIsReadOnceInFull() {
        assertThat(mirror.refresh().full()).isTrue();
        assertThat(mirror.refresh().full()).isFalse();
        stored.put(agent(5, "host-5"), Registry.AgentStanding.ADMITTED, 0);
        RegistryMirror.Refresh refresh = mirror.refresh();
        assertThat(refresh.agentsRead()).isEqualTo(1);
        assertThat(refresh.state().agents()).hasSize(1);
    }

    private static Map<AgentId, Registry.AdmittedAgent> byId(Registry.RegistryState state) {
        Map<AgentId, Registry.AdmittedAgent> agents = new LinkedHashMap<>();
        state.agents().forEach(a -> agents.put(a.info().id(), a));
        return agents;
    }

    /**
     * Stored rows whose versions the test sets, so that it can also change a row without its
     * version. Reading everything takes 800 ms and reading versions 20 ms on the clock.
     */
    private static final class StoredRows implements Registry {
        static final Duration FULL_READ = Duration.ofMillis(800);
        static final Duration VERSIONS_READ = Duration.ofMillis(20);
        static final Duration FINGERPRINT_READ = Duration.ofMillis(2);

        final Map<AgentId, AdmittedAgent> rows = new LinkedHashMap<>();
        final Map<String, Double> weights = new LinkedHashMap<>();
        final List<AgentId> readById = new ArrayList<>();
        int byIdQueries;
        int versionQueries;
        private final MutableClock clock;

        StoredRows(MutableClock clock) {
            this.clock = clock;
        }

        void put(AgentInfo info, AgentStanding standing, long version) {
            rows.put(info.id(), new AdmittedAgent(info, standing, Instant.EPOCH, null, version));
        }

        @Override
        public RegistryState load() {
            clock.advance(FULL_READ);
            return new RegistryState(List.copyOf(rows.values()), weights, Map.of(), MaintenanceSchedule.EMPTY);
        }

        @Override
        public AgentFingerprint agentFingerprint() {
            clock.advance(FINGERPRINT_READ);
            return AgentFingerprint.of(rows.values().stream().map(AdmittedAgent::version).toList());
        }

        @Override
        public Map<AgentId, Long> agentVersions() {
            versionQueries++;
            clock.advance(VERSIONS_READ);
            Map<AgentId, Long> versions = new LinkedHashMap<>();
            rows.forEach((id, a) -> versions.put(id, a.version()));
            return versions;
        }

        @Override
        public List<AdmittedAgent> agents(Collection<AgentId> ids) {
            byIdQueries++;
            readById.addAll(ids);
            return ids.stream().map(rows::get).filter(a -> a != null).toList();
        }

        @Override
        public RegistryState settings() {
            return new RegistryState(List.of(), weights, Map.of(), MaintenanceSchedule.EMPTY);
        }

        @Override
        public void admit(AgentInfo agent, Instant at) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void markUnreachable(AgentId agent, Instant at) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void markReachable(AgentInfo agent) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void markGone(AgentId agent, Instant at) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void updateWeights(Map<String, Double> newWeights) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void updateQuota(String role, QuotaConfig quota) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void updateMaintenance(MaintenanceSchedule schedule) {
            throw new UnsupportedOperationException();
        }
    }
}
