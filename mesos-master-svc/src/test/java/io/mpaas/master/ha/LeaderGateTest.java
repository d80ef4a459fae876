package io.mpaas.master.ha;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpaas.master.cluster.Cluster;
import io.mpaas.protocol.mesos.MasterInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
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
        // Never recovered: after waiting for it, 503.
        assertThat(gate.check(true)).isEqualTo(new LeaderGate.Unavailable("Master has not finished recovery"));
        assertThat(gate.check(false)).isEqualTo(new LeaderGate.Serve());
        cluster.locked(cluster::markRecovered);
        assertThat(gate.check(true)).isEqualTo(new LeaderGate.Serve());
        cluster.locked(cluster::endTerm);
        assertThat(gate.check(false)).isEqualTo(new LeaderGate.Unavailable("No leader elected"));
    }

    @Test
    void aRequestThatComesDuringRecoveryWaitsForItInsteadOfFailing() throws Exception {
        cluster.locked(() -> cluster.startTerm(MasterInfo.of("m1", "master1", "10.0.0.1", 5050), Instant.EPOCH));
        CompletableFuture<LeaderGate.Verdict> verdict = CompletableFuture.supplyAsync(() -> gate.check(true),
                Executors.newVirtualThreadPerTaskExecutor());
        Awaitility.await("the request waiting").during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1))
                .until(() -> !verdict.isDone());
        cluster.locked(cluster::markRecovered);
        assertThat(verdict.get(5, TimeUnit.SECONDS)).isEqualTo(new LeaderGate.Serve());
    }

    @Test
    void aRequestWaitingWhenTheTermEndsGoesToTheNextLeader() throws Exception {
        cluster.locked(() -> cluster.startTerm(MasterInfo.of("m1", "master1", "10.0.0.1", 5050), Instant.EPOCH));
        CompletableFuture<LeaderGate.Verdict> verdict = CompletableFuture.supplyAsync(() -> gate.check(true),
                Executors.newVirtualThreadPerTaskExecutor());
        Awaitility.await("the request waiting").during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1))
                .until(() -> !verdict.isDone());
        leader.set(Optional.of(MasterInfo.of("m2", "master2", "10.0.0.2", 5050)));
        cluster.locked(cluster::endTerm);
        assertThat(verdict.get(5, TimeUnit.SECONDS)).isEqualTo(new LeaderGate.Redirect("master2:5050"));
    }
}
