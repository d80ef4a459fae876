package io.mpaas.master;

import io.mpaas.master.allocator.AllocatorSettings;
import io.mpaas.master.allocator.HierarchicalAllocator;
import io.mpaas.master.allocator.MinAllocatable;
import io.mpaas.master.cluster.Cluster;
import io.mpaas.master.cluster.ClusterEvents;
import io.mpaas.master.cluster.ClusterListener;
import io.mpaas.master.offer.AllocationProperties;
import io.mpaas.master.offer.AllocationSignal;
import io.mpaas.master.offer.OfferBook;
import java.time.Clock;
import java.util.List;
import java.util.random.RandomGenerator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The master's core objects that are not feature components: the clock, the cluster model, the allocator. */
@Configuration(proxyBeanMethods = false)
class MasterConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    Cluster cluster() {
        return new Cluster();
    }

    @Bean
    ClusterEvents clusterEvents(List<ClusterListener> listeners) {
        return new ClusterEvents(listeners);
    }

    @Bean
    HierarchicalAllocator allocator(AllocationProperties properties, Clock clock) {
        return new HierarchicalAllocator(new AllocatorSettings(properties.interval(), properties.defaultRefuse(),
                MinAllocatable.DEFAULT, true),
                clock, RandomGenerator.getDefault());
    }

    @Bean
    OfferBook offerBook(Cluster cluster, HierarchicalAllocator allocator, AllocationSignal signal) {
        return new OfferBook(cluster, allocator, signal);
    }
}
