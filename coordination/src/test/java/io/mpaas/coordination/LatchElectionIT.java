package io.mpaas.coordination;

import static io.mpaas.coordination.RecordingListener.Event.ELECTED;
import static io.mpaas.coordination.RecordingListener.Event.REVOKED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.locks.LockInternals;
import org.apache.curator.framework.recipes.locks.StandardLockInternalsDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The election on a bare latch (Marathon's layout), its detector, and abdication. */
class LatchElectionIT {

    private static final String LATCH = "/marathon/leader-curator";
    private static final Duration FAILOVER = InProcessZooKeeper.SESSION.plusSeconds(2);

    private final InProcessZooKeeper zk;
    private final CuratorFramework observer;

    LatchElectionIT() throws Exception {
        zk = new InProcessZooKeeper();
        observer = zk.client();
    }

    @AfterEach
    void stop() throws Exception {
        zk.close();
    }

    private record Candidate(String id, CuratorFramework client, LeaderElector elector, RecordingListener listener) {
    }

    private Candidate candidate(String id) {
        CuratorFramework client = zk.client();
        RecordingListener listener = new RecordingListener();
        LeaderElector elector = zk.track(LeaderElector.onLatch(client, LATCH, id, listener, Duration.ofMillis(100)));
        elector.start();
        return new Candidate(id, client, elector, listener);
    }

    private LatchLeaderDetector detector() {
        LatchLeaderDetector detector = zk.track(new LatchLeaderDetector(observer, LATCH));
        detector.start();
        return detector;
    }

    @Test
    void theLeaderIsTheParticipantCuratorElectsAndNothingIsPublishedBesideTheLatch() throws Exception {
        LatchLeaderDetector detector = detector();
        assertThat(detector.leaderId()).isEmpty();
        Candidate a = candidate("a.example:8080");
        await().atMost(FAILOVER).until(() -> a.elector().isLeader());
        Candidate b = candidate("b.example:8080");

        await().atMost(FAILOVER).until(() -> detector.leaderId().equals(Optional.of("a.example:8080")));
        assertThat(observer.getChildren().forPath("/marathon")).containsExactly("leader-curator");
        assertThat(observer.getChildren().forPath(LATCH)).hasSize(2);
        // Curator's own ordering of the participants (what its latch elects by) agrees.
        List<String> curatorOrder = List.copyOf(LockInternals.getParticipantNodes(observer, LATCH, "latch-",
                StandardLockInternalsDriver::standardFixForSorting));
        assertThat(new String(observer.getData().forPath(curatorOrder.getFirst()), StandardCharsets.UTF_8))
                .isEqualTo("a.example:8080");
        assertThat(b.listener().events()).isEmpty();

        a.client().close(); // a dies

        await().atMost(FAILOVER).until(() -> b.elector().isLeader());
        await().atMost(FAILOVER).until(() -> detector.leaderId().equals(Optional.of("b.example:8080")));
        b.listener().assertWellBehaved();
    }

    @Test
    void abdicatingEndsTheTermAtOnceHandsOverAndRejoinsBehind() {
        LatchLeaderDetector detector = detector();
        Candidate a = candidate("a.example:8080");
        await().atMost(FAILOVER).until(() -> a.elector().isLeader());
        Candidate b = candidate("b.example:8080");
        await().atMost(FAILOVER).until(() -> detector.leaderId().isPresent());
        assertThat(b.elector().abdicate()).as("a follower has nothing to give up").isFalse();

        assertThat(a.elector().abdicate()).isTrue();
        assertThat(a.elector().isLeader()).as("not leading from the moment it abdicates").isFalse();

        await().atMost(FAILOVER).until(() -> b.elector().isLeader());
        await().atMost(FAILOVER).until(() -> detector.leaderId().equals(Optional.of("b.example:8080")));
        assertThat(a.listener().events()).containsExactly(ELECTED, REVOKED);
        await().atMost(FAILOVER).until(() -> {
            List<String> children = observer.getChildren().forPath(LATCH);
            return children.size() == 2; // a is back in line, behind b
        });
        assertThat(a.elector().isLeader()).isFalse();
        a.listener().assertWellBehaved();
        b.listener().assertWellBehaved();
    }

    @Test
    void aLoneCandidateThatAbdicatesIsElectedAgain() {
        Candidate a = candidate("a.example:8080");
        await().atMost(FAILOVER).until(() -> a.elector().isLeader());

        assertThat(a.elector().abdicate()).isTrue();

        await().atMost(FAILOVER).until(() -> a.listener().events().size() == 3);
        assertThat(a.listener().events()).containsExactly(ELECTED, REVOKED, ELECTED);
        assertThat(a.elector().isLeader()).isTrue();
    }

    @Test
    void latchNodesAreOrderedBySequenceWhateverTheirProtectionPrefix() {
        assertThat(LatchLeaderDetector.inLine(List.of(
                "_c_9f0e-latch-0000000007", "_c_0a1b-latch-0000000003", "leader", "_c_77aa-latch-0000000005")))
                .containsExactly("_c_0a1b-latch-0000000003", "_c_77aa-latch-0000000005", "_c_9f0e-latch-0000000007");
    }
}
