package io.mpaas.marathon.ha;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** Which Leadership the properties select, and that the leader work beans run in their order. */
class LeadershipConfigurationTest {

    static final List<String> log = new CopyOnWriteArrayList<>();

    /** Declared out of order on purpose: {@code @Order} decides. */
    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(HaProperties.class)
    static class Work {

        @Bean
        @Order(2)
        LeaderWork deployments(Leadership leadership) {
            return recording("deployments", leadership);
        }

        @Bean
        @Order(1)
        LeaderWork subscription(Leadership leadership) {
            return recording("subscription", leadership);
        }

        /** Depends on the Leadership it is started by, as real leader loops do. */
        private static LeaderWork recording(String name, Leadership leadership) {
            return new LeaderWork() {
                @Override
                public void onElected() {
                    log.add(name + " elected, leader " + leadership.isLeader());
                }

                @Override
                public void onRevoked() {
                    log.add(name + " revoked");
                }
            };
        }
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(LeadershipConfiguration.class, Work.class);

    @Test
    void withoutZooKeeperThisInstanceLeadsAndRunsTheWorkInOrderUntilShutdown() {
        log.clear();
        runner.withPropertyValues("marathon.hostname=m1.example", "server.port=8181").run(context -> {
            assertThat(context).hasSingleBean(Leadership.class).getBean(Leadership.class)
                    .isInstanceOf(StandaloneLeadership.class);
            Leadership leadership = context.getBean(Leadership.class);
            assertThat(leadership.self()).isEqualTo("m1.example:8181");
            assertThat(log).containsExactly("subscription elected, leader true", "deployments elected, leader true");
        });
        assertThat(log).endsWith("deployments revoked", "subscription revoked");
    }

    @Test
    void withZooKeeperThisInstanceRunsInTheElection() {
        runner.withPropertyValues("marathon.zk=zk://127.0.0.1:1/marathon", "marathon.zk-connection-timeout=1s")
                .run(context -> {
                    assertThat(context).hasSingleBean(Leadership.class).getBean(Leadership.class)
                            .isInstanceOf(ZooKeeperLeadership.class);
                    assertThat(context.getBean(Leadership.class).isLeader()).as("no ensemble, no election")
                            .isFalse();
                });
    }

    @Test
    void aMalformedZooKeeperUrlFailsTheStart() {
        runner.withPropertyValues("marathon.zk=http://h1:2181/marathon").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("has the wrong scheme"));
    }

    @Test
    void theHostnameDefaultsToThisMachinesName() {
        runner.run(context -> assertThat(context.getBean(AdvertisedAddress.class).hostname()).isNotBlank()
                .isEqualTo(new HaProperties(null, null, null, null).advertisedHostname()));
    }
}
