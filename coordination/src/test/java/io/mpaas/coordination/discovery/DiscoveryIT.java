package io.mpaas.coordination.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mpaas.coordination.InProcessZooKeeper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Small web applications with this module's auto-configuration on a real (in-process) ZooKeeper: they register
 * under the shared root as their web servers come up, the leader mark moves with {@link LeaderFlag}, a stopped
 * instance leaves the registry, and without ZooKeeper nothing of it is started.
 */
class DiscoveryIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class TinyService {
    }

    private InProcessZooKeeper zooKeeper;

    @BeforeEach
    void startZooKeeper() throws Exception {
        zooKeeper = new InProcessZooKeeper();
    }

    @AfterEach
    void stopZooKeeper() throws Exception {
        zooKeeper.close();
    }

    private ConfigurableApplicationContext start(String zk) {
        return zooKeeper.track(new SpringApplicationBuilder(TinyService.class).properties(
                "spring.application.name=tiny",
                "server.port=0",
                "server.address=127.0.0.1",
                "spring.cloud.zookeeper.discovery.instance-host=127.0.0.1",
                DiscoveryEnvironment.ZK_PROPERTY + "=" + zk).run());
    }

    /** port -> the instance's leader mark, as a client of the registry sees them. */
    private static Map<Integer, String> marks(ConfigurableApplicationContext reader) {
        List<ServiceInstance> instances = reader.getBean(DiscoveryClient.class).getInstances("tiny");
        return instances.stream().collect(Collectors.toMap(ServiceInstance::getPort,
                i -> i.getMetadata().getOrDefault(LeaderFlag.METADATA_KEY, "-")));
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    @Test
    void instancesRegisterAndTheLeaderMarkFollowsLeadership() throws Exception {
        String zk = zooKeeper.url("/tiny").toString();
        ConfigurableApplicationContext a = start(zk);
        ConfigurableApplicationContext b = start(zk);
        int portA = port(a);
        int portB = port(b);

        await().atMost(WAIT).until(() -> marks(a).equals(Map.of(portA, "false", portB, "false")));

        a.getBean(LeaderFlag.class).leading(true);
        await().atMost(WAIT).until(() -> marks(b).equals(Map.of(portA, "true", portB, "false")));

        a.getBean(LeaderFlag.class).leading(false);
        b.getBean(LeaderFlag.class).leading(true);
        await().atMost(WAIT).until(() -> marks(a).equals(Map.of(portA, "false", portB, "true")));

        a.close();
        await().atMost(WAIT).until(() -> marks(b).equals(Map.of(portB, "true")));
        CuratorFramework raw = zooKeeper.client();
        assertThat(raw.getChildren().forPath(DiscoveryEnvironment.ROOT)).containsExactly("tiny");
    }

    @Test
    void standaloneServicesRegisterNowhere() {
        ConfigurableApplicationContext alone = start("");

        assertThat(alone.getBean(LeaderFlag.class)).isSameAs(LeaderFlag.NONE);
        assertThat(alone.getBeanProvider(CuratorFramework.class).getIfAvailable()).isNull();
        assertThat(alone.getBean(DiscoveryClient.class).getInstances("tiny")).isEmpty();
    }
}
