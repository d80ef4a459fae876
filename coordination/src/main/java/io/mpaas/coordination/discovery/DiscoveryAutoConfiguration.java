package io.mpaas.coordination.discovery;

import io.mpaas.coordination.CuratorClientFactory;
import io.mpaas.coordination.ZkUrl;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.x.discovery.ServiceDiscovery;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.zookeeper.ZookeeperAutoConfiguration;
import org.springframework.cloud.zookeeper.discovery.ZookeeperInstance;
import org.springframework.cloud.zookeeper.serviceregistry.ZookeeperAutoServiceRegistrationAutoConfiguration;
import org.springframework.cloud.zookeeper.serviceregistry.ZookeeperRegistration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Wires discovery into every service: a ZooKeeper client for Spring Cloud Zookeeper built from the service's own
 * {@code zk://} URL (so its credentials and ACLs apply, as for the election), and the {@link LeaderFlag} the
 * service's leadership reports to ({@link LeaderFlag#NONE} when discovery is off).
 */
@AutoConfiguration(before = ZookeeperAutoConfiguration.class, after = ZookeeperAutoServiceRegistrationAutoConfiguration.class)
public class DiscoveryAutoConfiguration {

    /** Only when {@link DiscoveryEnvironment} found a {@code zk://} URL and the operator did not switch it off. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty({"spring.cloud.zookeeper.enabled", DiscoveryEnvironment.ACTIVE_PROPERTY})
    static class OnZooKeeper {

        /**
         * Connects in the background: a service may start while ZooKeeper is still coming up (its registration
         * then waits for the connection).
         */
        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        CuratorFramework curatorFramework(Environment environment) {
            return CuratorClientFactory.start(ZkUrl.parse(environment.getRequiredProperty(
                    DiscoveryEnvironment.ZK_PROPERTY)));
        }

        @Bean
        @ConditionalOnMissingBean
        LeaderFlag leaderFlag(ObjectProvider<ServiceDiscovery<ZookeeperInstance>> discovery,
                ObjectProvider<ZookeeperRegistration> registration) {
            ServiceDiscovery<ZookeeperInstance> d = discovery.getIfAvailable();
            ZookeeperRegistration r = registration.getIfAvailable();
            return d == null || r == null ? LeaderFlag.NONE : new RegistrationLeaderFlag(d, r);
        }
    }

    @Bean
    @ConditionalOnMissingBean
    LeaderFlag noLeaderFlag() {
        return LeaderFlag.NONE;
    }
}
