package io.mpaas.master.ha;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpaas.master.cluster.Cluster;
import io.mpaas.protocol.mesos.MasterInfo;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LeaderGateTest {

    private final Cluster cluster = new Cluster();
    private final AtomicReference<Optional<MasterInfo>> leader = new AtomicReference<>(Optional.empty());
    private final LeaderGate gate = new LeaderGate(cluster, leader::get);

    @Test
    void aStandbyRedirectsToTheLeaderOrSaysThereIsNone() {
        assertThat(gate.check(true)).isEqualTo(new LeaderGate.Unavailable("No leader elected"));
        leader.set(Optional.of(MasterInfo.of("m2", "master2", "10.0.0.2", 5050)));
        LeaderGate.Verdict verdict = gate.check(false);
        assertThat(verdict).isEqualTo(new LeaderGate.Redirect("master2:5050"));
        assertThat(((LeaderGate.Redirect) verdict).location("/api/v1/scheduler"))
                .isEqualTo("//master2:5050/api/v1/scheduler");
    }

    @Test
    void aLeaderServesOnlyOnceRecoveredWhereRecoveryMatters() {
        cluster.locked(() -> cluster.startTerm(MasterInfo.of("m1", "master1", "10.0.0.1", 5050), Instant.EPOCH));
        assertThat(gate.check(true)).isEqualTo(new LeaderGate.Unavailable("Master has not finished recovery"));
        assertThat(gate.check(false)).isEqualTo(new LeaderGate.Serve());
        cluster.locked(cluster::markRecovered);
        assertThat(gate.check(true)).isEqualTo(new LeaderGate.Serve());
        cluster.locked(cluster::endTerm);
        assertThat(gate.check(false)).isEqualTo(new LeaderGate.Unavailable("No leader elected"));
    }
}
