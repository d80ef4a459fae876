package io.mpaas.marathon.ha;

import io.mpaas.coordination.discovery.LeaderFlag;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link Leadership} of this instance: elected through ZooKeeper when {@code marathon.zk} is set, else
 * always the leader; and the {@link LeaderWork} beans it starts and stops.
 */
@Configuration(proxyBeanMethods = false)
class LeadershipConfiguration {

    @Bean
    AdvertisedAddress advertisedAddress(HaProperties properties, @Value("${server.port:8080}") int port) {
        return new AdvertisedAddress(properties.advertisedHostname(), port);
    }

    /** Leader work in {@code @Order}, looked up when the first term begins (it may depend on Leadership). */
    @Bean
    LeaderTerm leaderTerm(ObjectProvider<LeaderWork> work) {
        return new LeaderTerm(() -> work.orderedStream().toList());
    }

    @Bean
    @ConditionalOnExpression("'${marathon.zk:}'.isBlank()")
    StandaloneLeadership standaloneLeadership(AdvertisedAddress address, LeaderTerm term) {
        return new StandaloneLeadership(address, term);
    }

    @Bean
    @ConditionalOnExpression("!'${marathon.zk:}'.isBlank()")
    ZooKeeperLeadership zooKeeperLeadership(HaProperties properties, AdvertisedAddress address, LeaderTerm term,
            ObjectProvider<LeaderFlag> discovery) {
        return new ZooKeeperLeadership(properties, address, term, discovery.getIfAvailable(() -> LeaderFlag.NONE));
    }
}
