package io.mpaas.coordination.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class DiscoveryEnvironmentTest {

    private final StandardEnvironment environment = new StandardEnvironment();

    private void given(Map<String, Object> properties) {
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        new DiscoveryEnvironment().postProcessEnvironment(environment, new SpringApplication());
    }

    @Test
    void switchesSpringCloudZookeeperOnForAZkUrl() {
        given(Map.of("marathon.zk", "zk://u:p@zk1:2181,zk2:2182/marathon",
                DiscoveryEnvironment.ZK_PROPERTY, "${marathon.zk:}",
                "marathon.hostname", "m1.example.com", DiscoveryEnvironment.HOST_PROPERTY, "${marathon.hostname:}"));

        assertThat(environment.getProperty("spring.cloud.zookeeper.enabled", Boolean.class)).isTrue();
        assertThat(environment.getProperty("spring.cloud.zookeeper.discovery.instance-host"))
                .isEqualTo("m1.example.com");
        assertThat(environment.getProperty(DiscoveryEnvironment.ACTIVE_PROPERTY, Boolean.class)).isTrue();
        assertThat(environment.getProperty("spring.cloud.zookeeper.connect-string")).isEqualTo("zk1:2181,zk2:2182");
        assertThat(environment.getProperty("spring.cloud.zookeeper.discovery.root")).isEqualTo("/mpaas/services");
    }

    @Test
    void keepsItOffWithoutZooKeeper() {
        given(Map.of(DiscoveryEnvironment.ZK_PROPERTY, "${marathon.zk:}"));

        assertThat(environment.getProperty("spring.cloud.zookeeper.enabled", Boolean.class)).isFalse();
        assertThat(environment.getProperty(DiscoveryEnvironment.ACTIVE_PROPERTY, Boolean.class)).isFalse();
        assertThat(environment.getProperty("spring.cloud.zookeeper.connect-string")).isNull();
    }

    @Test
    void anAgentPointedAtAMasterAddressIsNoZooKeeperUrl() {
        given(Map.of(DiscoveryEnvironment.ZK_PROPERTY, "10.0.0.1:5050"));

        assertThat(environment.getProperty("spring.cloud.zookeeper.enabled", Boolean.class)).isFalse();
    }

    @Test
    void anOperatorsOwnSettingsWin() {
        given(Map.of(DiscoveryEnvironment.ZK_PROPERTY, "zk://zk1:2181/mesos",
                "spring.cloud.zookeeper.enabled", "false",
                "spring.cloud.zookeeper.discovery.root", "/elsewhere"));

        assertThat(environment.getProperty("spring.cloud.zookeeper.enabled", Boolean.class)).isFalse();
        assertThat(environment.getProperty("spring.cloud.zookeeper.discovery.root")).isEqualTo("/elsewhere");
    }
}
