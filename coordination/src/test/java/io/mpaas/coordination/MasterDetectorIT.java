package io.mpaas.coordination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import io.mpaas.protocol.mesos.MasterInfo;
import io.mpaas.protocol.mesos.MesosJson;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MasterDetectorIT {

    private static final MasterInfo INFO_A = MasterInfo.of("master-a", "master-a.example", "10.0.0.1", 5050);
    private static final MasterInfo INFO_B = MasterInfo.of("master-b", "master-b.example", "10.0.0.2", 5050);
    private static final Duration SOON = Duration.ofSeconds(5);

    private final InProcessZooKeeper zk;
    private final CuratorFramework writer;

    MasterDetectorIT() throws Exception {
        zk = new InProcessZooKeeper();
        writer = zk.client();
    }

    @AfterEach
    void stop() throws Exception {
        zk.close();
    }

    private MasterDetector detector(CuratorFramework client) {
        MasterDetector detector = zk.track(new MasterDetector(client, "/mesos"));
        detector.start();
        return detector;
    }

    /** Writes a contender node the way a Mesos master does; persistent here, so the test decides when it goes. */
    private String contender(byte[] data) throws Exception {
        return writer.create().creatingParentsIfNeeded().withMode(CreateMode.PERSISTENT_SEQUENTIAL)
                .forPath("/mesos/json.info_", data);
    }

    @Test
    void ignoresForeignChildrenAndSkipsMalformedNodesToTheNextLowest() throws Exception {
        writer.create().creatingParentsIfNeeded().forPath("/mesos/leader-latch/_c_x-latch-0000000000", "a:1".getBytes());
        writer.create().creatingParentsIfNeeded().forPath("/mesos/log_replicas/0000000000", "replica".getBytes());
        writer.create().forPath("/mesos/info_0000000000", new byte[] {0x0a, 0x03, 'b', 'a', 'd'});
        writer.create().forPath("/mesos/json.info_", MesosJson.write(INFO_B)); // no sequence: not a contender
        writer.create().forPath("/mesos/json.info_abc", MesosJson.write(INFO_B));
        contender("not json at all".getBytes());
        contender(new byte[0]);
        contender("\"a string\"".getBytes());
        contender("{\"hostname\":\"no-id-ip-or-port\"}".getBytes());
        String good = contender(MesosJson.write(INFO_A));
        contender(MesosJson.write(INFO_B));

        MasterDetector detector = detector(zk.client());

        assertThat(detector.awaitLeader(SOON)).contains(INFO_A);

        writer.delete().forPath(good);

        await().atMost(SOON).until(() -> detector.leader().equals(Optional.of(INFO_B)));
    }

    @Test
    void awaitingWithNoGroupReturnsEmptyAtTheDeadlineAndFindsTheLeaderOnceItAppears() throws Exception {
        MasterDetector detector = detector(zk.client());

        assertThat(detector.awaitLeader(Duration.ofMillis(300))).isEmpty();
        assertThat(detector.leader()).isEmpty();

        contender(MesosJson.write(INFO_A)); // creates /mesos too: the detector was watching for it

        assertThat(detector.awaitLeader(SOON)).contains(INFO_A);
    }

    @Test
    void listenersHearTheCurrentViewThenEveryChangeInOrder() throws Exception {
        String a = contender(MesosJson.write(INFO_A));
        MasterDetector detector = detector(zk.client());
        assertThat(detector.awaitLeader(SOON)).contains(INFO_A);
        List<Optional<MasterInfo>> heard = new CopyOnWriteArrayList<>();
        detector.addListener(leader -> {
            throw new IllegalStateException("a broken listener must not silence the others");
        });
        detector.addListener(heard::add);

        await().atMost(SOON).until(() -> heard.size() == 1);
        writer.delete().forPath(a);
        await().atMost(SOON).until(() -> heard.size() == 2);
        contender(MesosJson.write(INFO_B));
        await().atMost(SOON).until(() -> heard.size() == 3);

        assertThat(heard).containsExactly(Optional.of(INFO_A), Optional.empty(), Optional.of(INFO_B));
    }

    @Test
    void losingTheSessionHidesTheLeaderUntilItCanReadAgainAndWatchingResumes() throws Exception {
        String a = contender(MesosJson.write(INFO_A));
        CuratorFramework client = zk.client();
        MasterDetector detector = detector(client);
        assertThat(detector.awaitLeader(SOON)).contains(INFO_A);
        List<Optional<MasterInfo>> heard = new CopyOnWriteArrayList<>();
        detector.addListener(heard::add);

        InProcessZooKeeper.expireSession(client);

        // LOST: no leader reported; then the new session reads again.
        await().atMost(SOON).until(() -> heard.contains(Optional.empty()));
        await().atMost(SOON).until(() -> detector.leader().equals(Optional.of(INFO_A)));

        // The watch was set again in the new session: a change is still seen.
        writer.delete().forPath(a);
        contender(MesosJson.write(INFO_B));
        await().atMost(SOON).until(() -> detector.leader().equals(Optional.of(INFO_B)));
    }

    @Test
    void followsTheLeaderAcrossAServerRestart() throws Exception {
        String a = contender(MesosJson.write(INFO_A));
        MasterDetector detector = detector(zk.client(Duration.ofSeconds(4)));
        assertThat(detector.awaitLeader(SOON)).contains(INFO_A);

        zk.server.stop();
        assertThat(detector.leader()).as("suspended: the last leader stands").contains(INFO_A);
        zk.server.restart();

        writer.delete().forPath(a);
        contender(MesosJson.write(INFO_B));
        await().atMost(SOON).until(() -> detector.leader().equals(Optional.of(INFO_B)));
    }

    @Test
    void closingReleasesWaiters() throws Exception {
        MasterDetector detector = detector(zk.client());
        detector.close();

        assertThat(detector.awaitLeader(Duration.ofSeconds(30))).isEmpty();
        detector.close();
    }
}
