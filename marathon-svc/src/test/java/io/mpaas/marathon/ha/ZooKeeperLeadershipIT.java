package io.mpaas.marathon.ha;

import io.mpaas.coordination.discovery.LeaderFlag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.KillSession;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two marathons electing on a real ZooKeeper in this JVM, in Marathon's layout. The server ticks every 200 ms so
 * that 2 s sessions are allowed and expire promptly.
 */
class ZooKeeperLeadershipIT {

    private static final Duration SESSION = Duration.ofSeconds(2);
    private static final Duration FAILOVER = SESSION.plusSeconds(3);

    private static final List<String> ELECTED =
            List.of("subscription elected", "deployments elected", "health elected");
    private static final List<String> REVOKED =
            List.of("health revoked", "deployments revoked", "subscription revoked");

    private final TestingServer zookeeper;
    private final CuratorFramework observer;
    private final List<ZooKeeperLeadership> started = new ArrayList<>();

    ZooKeeperLeadershipIT() throws Exception {
        zookeeper = new TestingServer(new InstanceSpec(null, -1, -1, -1, true, -1, 200, -1), true);
        observer = CuratorFrameworkFactory.newClient(zookeeper.getConnectString(), new RetryOneTime(100));
        observer.start();
    }

    @AfterEach
    void close() throws Exception {
        started.reversed().forEach(ZooKeeperLeadership::stop);
        observer.close();
        zookeeper.close();
    }

    /** One marathon: its leadership and the log of its leader work (three pieces, in order). */
    private record Marathon(ZooKeeperLeadership leadership, List<String> work) {
    }

    private Marathon marathon(String host) {
        List<String> work = new CopyOnWriteArrayList<>();
        List<LeaderWork> pieces = Stream.of("subscription", "deployments", "health")
                .map(name -> (LeaderWork) new LeaderWork() {
                    @Override
                    public void onElected() {
                        work.add(name + " elected");
                    }

                    @Override
                    public void onRevoked() {
                        work.add(name + " revoked");
                    }
                }).toList();
        HaProperties properties = new HaProperties(host, "zk://" + zookeeper.getConnectString() + "/marathon",
                SESSION, SESSION);
        ZooKeeperLeadership leadership = new ZooKeeperLeadership(properties,
                new AdvertisedAddress(properties.advertisedHostname(), 8080), new LeaderTerm(() -> pieces), LeaderFlag.NONE);
        leadership.start();
        started.add(leadership);
        return new Marathon(leadership, work);
    }

    private static Marathon soleLeader(Marathon... marathons) {
        await().atMost(FAILOVER).until(() -> Stream.of(marathons).filter(m -> m.leadership().isLeader()).count() == 1);
        return Stream.of(marathons).filter(m -> m.leadership().isLeader()).findFirst().orElseThrow();
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }

    @Test
    void oneOfTwoIsElectedStartsItsWorkInOrderAndBothNameItInMarathonsLayout() throws Exception {
        Marathon a = marathon("a.example");
        Marathon b = marathon("b.example");

        Marathon leader = soleLeader(a, b);
        Marathon standby = leader == a ? b : a;

        await().atMost(FAILOVER).until(() -> leader.work().size() == 3);
        assertThat(leader.work()).isEqualTo(ELECTED);
        assertThat(standby.work()).isEmpty();
        assertThat(leader.leadership().leaderHostPort()).contains(leader.leadership().self());
        await().atMost(FAILOVER).until(() -> standby.leadership().leaderHostPort()
                .equals(Optional.of(leader.leadership().self())));
        assertThat(standby.leadership().abdicate()).as("a standby has nothing to give up").isFalse();

        // Marathon's layout: participants under <zk path>/leader-curator, each holding its host:port.
        List<String> participants = observer.getChildren().forPath("/marathon/leader-curator");
        assertThat(participants).hasSize(2);
        List<String> ids = new ArrayList<>();
        for (String node : participants) {
            ids.add(new String(observer.getData().forPath("/marathon/leader-curator/" + node),
                    StandardCharsets.UTF_8));
        }
        assertThat(ids).containsExactlyInAnyOrder("a.example:8080", "b.example:8080");
    }

    @Test
    void abdicatingStopsTheWorkInReverseAndTheOtherTakesOver() {
        Marathon a = marathon("a.example");
        Marathon b = marathon("b.example");
        Marathon leader = soleLeader(a, b);
        Marathon standby = leader == a ? b : a;
        await().atMost(FAILOVER).until(() -> leader.work().size() == 3);

        assertThat(leader.leadership().abdicate()).isTrue();
        assertThat(leader.leadership().isLeader()).as("gives up at once").isFalse();

        await().atMost(FAILOVER).until(() -> standby.leadership().isLeader());
        await().atMost(FAILOVER).until(() -> standby.work().size() == 3);
        assertThat(leader.work()).isEqualTo(concat(ELECTED, REVOKED));
        assertThat(standby.work()).isEqualTo(ELECTED);
        await().atMost(FAILOVER).until(() -> leader.leadership().leaderHostPort()
                .equals(Optional.of(standby.leadership().self())));
        assertThat(leader.leadership().isLeader()).as("re-joined behind the new leader").isFalse();
    }

    @Test
    void aLeaderWhoseSessionExpiresStopsItsWorkAndTheOtherTakesOver() throws Exception {
        Marathon a = marathon("a.example");
        Marathon b = marathon("b.example");
        Marathon leader = soleLeader(a, b);
        Marathon standby = leader == a ? b : a;
        await().atMost(FAILOVER).until(() -> leader.work().size() == 3);

        KillSession.kill(leader.leadership().client().getZookeeperClient().getZooKeeper());

        await().atMost(FAILOVER).until(() -> standby.leadership().isLeader());
        await().atMost(FAILOVER).until(() -> leader.work().size() >= 6);
        assertThat(leader.work().subList(0, 6)).isEqualTo(concat(ELECTED, REVOKED));
        await().atMost(FAILOVER).until(() -> standby.work().equals(ELECTED));
    }

    @Test
    void stoppingTheLeaderStopsItsWorkAndHandsOverWithoutWaitingForTheSession() {
        Marathon a = marathon("a.example");
        Marathon b = marathon("b.example");
        Marathon leader = soleLeader(a, b);
        Marathon standby = leader == a ? b : a;
        await().atMost(FAILOVER).until(() -> leader.work().size() == 3);

        leader.leadership().stop();

        assertThat(leader.work()).isEqualTo(concat(ELECTED, REVOKED));
        await().atMost(SESSION.dividedBy(2)).until(() -> standby.leadership().isLeader());
    }
}
