package io.mpaas.coordination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.mpaas.protocol.mesos.MasterInfo;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the group as a third-party Mesos tool does (mesos-go, mesos-dns, Marathon's detector): a plain
 * ZooKeeper client, no Curator, no knowledge of our latch, a generic JSON parser.
 */
class MesosLayoutCompatibilityIT {

    private final InProcessZooKeeper zk;

    MesosLayoutCompatibilityIT() throws Exception {
        zk = new InProcessZooKeeper();
    }

    @AfterEach
    void stop() throws Exception {
        zk.close();
    }

    @Test
    void aPlainZooKeeperReadOfTheLowestJsonInfoNodeNamesTheLeader() throws Exception {
        MasterInfo infoA = MasterInfo.of("master-a", "master-a.example", "10.0.0.1", 5050);
        MasterInfo infoB = MasterInfo.of("master-b", "master-b.example", "10.0.0.2", 5051);
        LeaderElector a = elector(zk.client(), infoA);
        LeaderElector b = elector(zk.client(), infoB);
        await().atMost(Duration.ofSeconds(5)).until(() -> a.isLeader() || b.isLeader());
        MasterInfo leader = a.isLeader() ? infoA : infoB;

        ZooKeeper tool = connect();
        List<String> contenders = tool.getChildren("/mesos", false).stream()
                .filter(child -> child.startsWith("json.info_"))
                .sorted(Comparator.comparing(child -> child.substring("json.info_".length())))
                .toList();
        assertThat(contenders).singleElement().asString().matches("json\\.info_\\d{10}");
        JsonNode json = JsonMapper.builder().build().readTree(tool.getData("/mesos/" + contenders.getFirst(), false, null));

        assertThat(json.get("id").asString()).isEqualTo(leader.id());
        assertThat(json.get("hostname").asString()).isEqualTo(leader.hostname());
        assertThat(json.get("port").asInt()).isEqualTo(leader.port());
        assertThat(json.get("ip").isNumber()).isTrue();
        assertThat(json.get("pid").asString()).isEqualTo("master@" + leader.address().ip() + ":" + leader.port());
        assertThat(json.get("version").asString()).isEqualTo(MasterInfo.MESOS_VERSION);
        JsonNode address = json.get("address");
        assertThat(address.get("hostname").asString()).isEqualTo(leader.hostname());
        assertThat(address.get("ip").asString()).isEqualTo(leader.address().ip());
        assertThat(address.get("port").asInt()).isEqualTo(leader.port());
        assertThat(json.get("capabilities").get(0).get("type").asString()).isEqualTo("AGENT_UPDATE");
        assertThat(json.propertyNames()).allMatch(name -> name.equals(name.toLowerCase()), "snake_case names");
        tool.close();
    }

    private LeaderElector elector(CuratorFramework client, MasterInfo info) {
        LeaderElector elector = zk.track(new LeaderElector(client, "/mesos", info.hostPort(), () -> info,
                new RecordingListener()));
        elector.start();
        return elector;
    }

    private ZooKeeper connect() throws Exception {
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper zooKeeper = new ZooKeeper(zk.server.getConnectString(), 2000, event -> {
            if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        });
        assertThat(connected.await(5, TimeUnit.SECONDS)).isTrue();
        return zooKeeper;
    }
}
