package io.mpaas.coordination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.StandardConnectionStateErrorPolicy;
import org.apache.curator.retry.RetryOneTime;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CuratorClientFactoryIT {

    private final InProcessZooKeeper zk;

    CuratorClientFactoryIT() throws Exception {
        zk = new InProcessZooKeeper();
    }

    @AfterEach
    void stop() throws Exception {
        zk.close();
    }

    @Test
    void connectsWithTheRequestedSessionAndRevokesOnSuspension() throws Exception {
        CuratorFramework client = zk.client(Duration.ofMillis(3000));

        assertThat(client.blockUntilConnected(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(client.getZookeeperClient().getZooKeeper().getSessionTimeout()).isEqualTo(3000);
        assertThat(client.getConnectionStateErrorPolicy()).isInstanceOf(StandardConnectionStateErrorPolicy.class);
        assertThat(client.getConnectionStateErrorPolicy().isErrorState(ConnectionState.SUSPENDED)).isTrue();
    }

    @Test
    void withCredentialsNodesAreWorldReadableAndCreatorWritable() throws Exception {
        ZkUrl url = ZkUrl.parse("zk://mesos:s3cret@" + zk.server.getConnectString() + "/mesos");
        CuratorFramework owner = zk.track(CuratorClientFactory.start(url, InProcessZooKeeper.SESSION,
                InProcessZooKeeper.CONNECTION));
        owner.create().creatingParentsIfNeeded().forPath("/mesos/json.info_0000000000", "{}".getBytes());

        List<ACL> acl = owner.getACL().forPath("/mesos/json.info_0000000000");
        assertThat(acl).extracting(ACL::getPerms, a -> a.getId().getScheme())
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(ZooDefs.Perms.READ, "world"),
                        org.assertj.core.groups.Tuple.tuple(ZooDefs.Perms.ALL, "digest"));
        assertThat(owner.getACL().forPath("/mesos")).isEqualTo(acl);

        CuratorFramework anonymous = zk.track(CuratorFrameworkFactory.newClient(zk.server.getConnectString(),
                new RetryOneTime(10)));
        anonymous.start();
        assertThat(anonymous.getData().forPath("/mesos/json.info_0000000000")).asString().isEqualTo("{}");
        assertThatThrownBy(() -> anonymous.delete().forPath("/mesos/json.info_0000000000"))
                .isInstanceOf(KeeperException.NoAuthException.class);
        assertThatThrownBy(() -> anonymous.create().forPath("/mesos/json.info_0000000001"))
                .isInstanceOf(KeeperException.NoAuthException.class);

        CuratorFramework sameCredentials = zk.track(CuratorClientFactory.start(url, InProcessZooKeeper.SESSION,
                InProcessZooKeeper.CONNECTION));
        sameCredentials.delete().forPath("/mesos/json.info_0000000000");
        assertThat(owner.checkExists().forPath("/mesos/json.info_0000000000")).isNull();
    }

    @Test
    void withoutCredentialsNodesAreOpen() throws Exception {
        CuratorFramework client = zk.client();
        client.create().creatingParentsIfNeeded().forPath("/mesos/x");

        assertThat(client.getACL().forPath("/mesos/x")).isEqualTo(ZooDefs.Ids.OPEN_ACL_UNSAFE);
    }

    @Test
    void refusesNonPositiveTimeouts() {
        ZkUrl url = zk.url("/mesos");

        assertThatThrownBy(() -> CuratorClientFactory.start(url, Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sessionTimeout must be positive and below 24 days, was PT0S");
        assertThatThrownBy(() -> CuratorClientFactory.start(url, Duration.ofSeconds(1), Duration.ofSeconds(-1)))
                .hasMessage("connectionTimeout must be positive and below 24 days, was PT-1S");
    }
}
