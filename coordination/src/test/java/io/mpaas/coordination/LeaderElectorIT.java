package io.mpaas.coordination;

import static io.mpaas.coordination.RecordingListener.Event.ELECTED;
import static io.mpaas.coordination.RecordingListener.Event.REVOKED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.mpaas.protocol.mesos.MasterInfo;
import io.mpaas.protocol.mesos.MesosJson;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.state.SessionConnectionStateErrorPolicy;
import org.apache.curator.retry.RetryOneTime;
import org.apache.zookeeper.CreateMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LeaderElectorIT {

    private static final MasterInfo INFO_A = MasterInfo.of("master-a", "master-a.example", "10.0.0.1", 5050);
    private static final MasterInfo INFO_B = MasterInfo.of("master-b", "master-b.example", "10.0.0.2", 5050);

    /** A failover must finish within the session timeout, plus a little for the server's tick and the reads. */
    private static final Duration FAILOVER = InProcessZooKeeper.SESSION.plusSeconds(2);

    private final InProcessZooKeeper zk;
    private final CuratorFramework observer;

    LeaderElectorIT() throws Exception {
        zk = new InProcessZooKeeper();
        observer = zk.client();
    }

    @AfterEach
    void stop() throws Exception {
        zk.close();
    }

    /** One candidate: its client, elector and listener. */
    private record Candidate(CuratorFramework client, LeaderElector elector, RecordingListener listener,
                             MasterInfo info) {
    }

    private Candidate candidate(MasterInfo info) {
        return candidate(info, zk.client(), new RecordingListener(), () -> info);
    }

    private Candidate candidate(MasterInfo info, CuratorFramework client, RecordingListener listener,
                                Supplier<MasterInfo> supplier) {
        LeaderElector elector = zk.track(new LeaderElector(client, "/mesos", info.hostPort(), supplier, listener,
                Duration.ofMillis(100)));
        elector.start();
        return new Candidate(client, elector, listener, info);
    }

    private List<String> infoNodes() throws Exception {
        return MesosZkLayout.infoNodesInOrder(observer.getChildren().forPath("/mesos"));
    }

    private MasterInfo dataOf(String child) throws Exception {
        return MesosJson.read(observer.getData().forPath("/mesos/" + child), MasterInfo.class);
    }

    private Candidate awaitSoleLeader(Candidate... candidates) {
        await().atMost(FAILOVER).until(() -> List.of(candidates).stream().filter(c -> c.elector().isLeader()).count() == 1);
        return List.of(candidates).stream().filter(c -> c.elector().isLeader()).findFirst().orElseThrow();
    }

    private void assertOnlyNodeNames(Candidate leader) throws Exception {
        List<String> nodes = infoNodes();
        assertThat(nodes).hasSize(1);
        assertThat(dataOf(nodes.getFirst())).isEqualTo(leader.info());
        assertThat("/mesos/" + nodes.getFirst()).isEqualTo(leader.elector().publishedNode().orElseThrow());
    }

    @Test
    void exactlyOneOfTwoLeadsPublishesItsMasterInfoAndTheOtherTakesOverWhenItDies() throws Exception {
        Candidate a = candidate(INFO_A);
        Candidate b = candidate(INFO_B);
        MasterDetector detector = zk.track(new MasterDetector(observer, "/mesos"));
        detector.start();

        Candidate leader = awaitSoleLeader(a, b);
        Candidate follower = leader == a ? b : a;
        await().atMost(FAILOVER).until(() -> infoNodes().size() == 1);
        assertOnlyNodeNames(leader);
        assertThat(detector.awaitLeader(FAILOVER)).contains(leader.info());
        assertThat(leader.listener().events()).containsExactly(ELECTED);
        assertThat(follower.listener().events()).isEmpty();
        assertThat(observer.getChildren().forPath("/mesos")).as("the latch stays out of Mesos's layout")
                .containsExactlyInAnyOrder("leader-latch", infoNodes().getFirst());
        assertThat(observer.getChildren().forPath("/mesos/leader-latch")).hasSize(2);

        leader.client().close(); // the process dies: its session ends, its ephemeral nodes go

        await().atMost(FAILOVER).until(() -> follower.elector().isLeader());
        await().atMost(FAILOVER).until(() -> detector.leader().equals(java.util.Optional.of(follower.info())));
        assertOnlyNodeNames(follower);
        assertThat(follower.listener().events()).containsExactly(ELECTED);
        follower.listener().assertWellBehaved();
    }

    @Test
    void closingTheLeaderRevokesItWithdrawsItsNodeAndHandsOverAtOnce() throws Exception {
        Candidate a = candidate(INFO_A);
        Candidate leader = awaitSoleLeader(a);
        Candidate b = candidate(INFO_B);
        await().atMost(FAILOVER).until(() -> observer.getChildren().forPath("/mesos/leader-latch").size() == 2);

        leader.elector().close();

        assertThat(a.elector().isLeader()).isFalse();
        assertThat(a.listener().events()).containsExactly(ELECTED, REVOKED);
        assertThat(a.elector().phase()).isEqualTo(LeaderElector.Phase.CLOSED);
        // Handing over does not wait for a session to expire: the latch node is deleted on close.
        await().atMost(Duration.ofSeconds(1)).until(() -> b.elector().isLeader());
        await().atMost(FAILOVER).until(() -> infoNodes().size() == 1);
        assertOnlyNodeNames(b);
        a.listener().assertWellBehaved();
        b.listener().assertWellBehaved();
    }

    @Test
    void sessionExpiryRevokesTheLeaderAndItIsReelectedAfterTheNextOneLeaves() throws Exception {
        Candidate a = candidate(INFO_A);
        awaitSoleLeader(a);
        Candidate b = candidate(INFO_B);
        await().atMost(FAILOVER).until(() -> observer.getChildren().forPath("/mesos/leader-latch").size() == 2);

        InProcessZooKeeper.expireSession(a.client());

        await().atMost(FAILOVER).until(() -> a.listener().events().equals(List.of(ELECTED, REVOKED)));
        assertThat(a.elector().isLeader()).isFalse();
        await().atMost(FAILOVER).until(() -> b.elector().isLeader());
        await().atMost(FAILOVER).until(() -> infoNodes().size() == 1);
        assertOnlyNodeNames(b);
        // a re-joined with its new session and now waits behind b.
        await().atMost(FAILOVER).until(() -> observer.getChildren().forPath("/mesos/leader-latch").size() == 2);
        assertThat(a.elector().phase()).isEqualTo(LeaderElector.Phase.CANDIDATE);

        b.elector().close();

        await().atMost(FAILOVER).until(() -> a.elector().isLeader());
        await().atMost(FAILOVER).until(() -> infoNodes().size() == 1);
        assertOnlyNodeNames(a);
        assertThat(a.listener().events()).containsExactly(ELECTED, REVOKED, ELECTED);
        a.listener().assertWellBehaved();
        b.listener().assertWellBehaved();
    }

    @Test
    void aSuspendedLeaderIsRevokedAtOnceAndReelectedWhenTheConnectionReturns() throws Exception {
        // A 4 s session (the server's maximum at its tick) so the restart below fits inside it.
        Candidate a = candidate(INFO_A, zk.client(Duration.ofSeconds(4)), new RecordingListener(), () -> INFO_A);
        awaitSoleLeader(a);
        String firstNode = a.elector().publishedNode().orElseThrow();

        zk.server.stop();

        // Well before the session could expire: a disconnected leader cannot know it still leads.
        await().atMost(Duration.ofSeconds(1)).until(() -> a.listener().events().equals(List.of(ELECTED, REVOKED)));
        assertThat(a.elector().isLeader()).isFalse();
        assertThat(a.elector().publishedNode()).isEmpty();

        zk.server.restart();

        await().atMost(FAILOVER).until(() -> a.elector().isLeader());
        await().atMost(FAILOVER).until(() -> infoNodes().size() == 1);
        assertOnlyNodeNames(a);
        assertThat(a.elector().publishedNode()).get().isNotEqualTo(firstNode);
        assertThat(a.listener().events()).containsExactly(ELECTED, REVOKED, ELECTED);
        a.listener().assertWellBehaved();
    }

    @Test
    void aLeaderWhoseLatchNodeIsDeletedUnderItStepsDown() throws Exception {
        Candidate a = candidate(INFO_A);
        Candidate leader = awaitSoleLeader(a);
        Candidate b = candidate(INFO_B);
        await().atMost(FAILOVER).until(() -> observer.getChildren().forPath("/mesos/leader-latch").size() == 2);
        String latchNode = observer.getChildren().forPath("/mesos/leader-latch").stream()
                .sorted(java.util.Comparator.comparing(n -> n.substring(n.lastIndexOf('-'))))
                .findFirst().map(n -> "/mesos/leader-latch/" + n).orElseThrow();

        observer.delete().forPath(latchNode); // an operator's rmr, while a's session lives on

        await().atMost(FAILOVER).until(() -> b.elector().isLeader());
        await().atMost(FAILOVER).until(() -> leader.listener().events().equals(List.of(ELECTED, REVOKED)));
        assertThat(a.elector().isLeader()).isFalse();
        await().atMost(FAILOVER).until(() -> infoNodes().size() == 1);
        assertOnlyNodeNames(b);
        await().atMost(FAILOVER).until(() -> a.elector().phase() == LeaderElector.Phase.CANDIDATE
                && observer.getChildren().forPath("/mesos/leader-latch").size() == 2);
        a.listener().assertWellBehaved();
    }

    @Test
    void aNewLeaderDeletesStaleInfoNodesAndLeavesOtherChildrenAlone() throws Exception {
        // A deposed leader that could not clean up: its node is lower than anything we will create.
        CuratorFramework deposed = zk.client();
        deposed.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL_SEQUENTIAL)
                .forPath("/mesos/json.info_", MesosJson.write(INFO_B));
        deposed.create().withMode(CreateMode.PERSISTENT_SEQUENTIAL).forPath("/mesos/json.info_", "stale".getBytes());
        deposed.create().creatingParentsIfNeeded().forPath("/mesos/log_replicas/0000000001");
        deposed.create().forPath("/mesos/info_0000000000", new byte[] {8, 1});

        Candidate a = candidate(INFO_A);
        awaitSoleLeader(a);

        await().atMost(FAILOVER).until(() -> infoNodes().size() == 1);
        assertOnlyNodeNames(a);
        assertThat(observer.getChildren().forPath("/mesos"))
                .contains("log_replicas", "info_0000000000", "leader-latch");
    }

    @Test
    void aLeaderWhoseListenerFailsGivesLeadershipToTheNextCandidate() throws Exception {
        // a can never start its leader loops; alone it keeps trying, once b is there b must take over.
        Candidate a = candidate(INFO_A, zk.client(), new RecordingListener(Integer.MAX_VALUE), () -> INFO_A);
        await().atMost(FAILOVER).until(() -> a.listener().count(REVOKED) >= 1);
        Candidate b = candidate(INFO_B);

        await().atMost(FAILOVER).until(() -> b.elector().isLeader());
        await().atMost(FAILOVER).until(() -> infoNodes().size() == 1);
        assertOnlyNodeNames(b);
        assertThat(a.elector().isLeader()).isFalse();
        assertThat(a.listener().leading()).as("every failed onElected was followed by onRevoked").isFalse();
        a.listener().assertWellBehaved();
        b.listener().assertWellBehaved();
    }

    @Test
    void aFailingOnRevokedStillWithdrawsTheNodeAndHandsOver() throws Exception {
        AtomicInteger revocations = new AtomicInteger();
        LeadershipListener failsOnRevoked = new LeadershipListener() {
            @Override
            public void onElected() {
            }

            @Override
            public void onRevoked() {
                revocations.incrementAndGet();
                throw new IllegalStateException("could not stop the leader loops cleanly");
            }
        };
        Candidate a = candidate(INFO_A, zk.client(), new RecordingListener(), () -> INFO_A);
        LeaderElector failing = zk.track(new LeaderElector(a.client(), "/mesos", "a-2", () -> INFO_A, failsOnRevoked));
        a.elector().close();
        failing.start();
        await().atMost(FAILOVER).until(failing::isLeader);
        Candidate b = candidate(INFO_B);
        await().atMost(FAILOVER).until(() -> observer.getChildren().forPath("/mesos/leader-latch").size() == 2);

        failing.close();

        assertThat(revocations.get()).isEqualTo(1);
        await().atMost(FAILOVER).until(() -> b.elector().isLeader());
        await().atMost(FAILOVER).until(() -> infoNodes().size() == 1);
        assertOnlyNodeNames(b);
    }

    @Test
    void aLeaderThatCannotPublishDoesNotActAndTriesAgain() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        Supplier<MasterInfo> failingOnce = () -> {
            if (asked.getAndIncrement() == 0) {
                throw new IllegalStateException("address not known yet");
            }
            return INFO_A;
        };
        Candidate a = candidate(INFO_A, zk.client(), new RecordingListener(), failingOnce);

        await().atMost(FAILOVER).until(() -> a.elector().isLeader());
        assertThat(asked.get()).isEqualTo(2);
        assertThat(a.listener().events()).containsExactly(ELECTED);
        assertOnlyNodeNames(a);
    }

    @Test
    void closingBeforeElectionOrTwiceIsHarmless() {
        Candidate a = candidate(INFO_A);
        a.elector().close();
        a.elector().close();

        assertThat(a.elector().isLeader()).isFalse();
        assertThat(a.elector().phase()).isEqualTo(LeaderElector.Phase.CLOSED);
        assertThatThrownBy(a.elector()::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesAClientThatWouldKeepLeadershipWhileDisconnected() {
        CuratorFramework lenient = zk.track(CuratorFrameworkFactory.builder()
                .connectString(zk.server.getConnectString())
                .retryPolicy(new RetryOneTime(10))
                .connectionStateErrorPolicy(new SessionConnectionStateErrorPolicy())
                .build());

        assertThatThrownBy(() -> new LeaderElector(lenient, "/mesos", "a", () -> INFO_A, new RecordingListener()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must treat SUSPENDED as an error");
    }
}
