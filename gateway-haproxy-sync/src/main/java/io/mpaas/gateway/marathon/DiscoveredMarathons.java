package io.mpaas.gateway.marathon;

import java.net.URI;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;

/**
 * The marathons that registered themselves in service discovery (Spring Cloud Zookeeper, when the gateway runs
 * with {@code mpaas.discovery.zk}), the one marked leader first; the configured URLs when discovery knows none
 * (it is off, or no marathon registered yet) or cannot be read.
 */
public final class DiscoveredMarathons implements MarathonLocator {

    private static final Logger log = LoggerFactory.getLogger(DiscoveredMarathons.class);

    /** The metadata key a marathon's registration marks its leadership with (coordination's LeaderFlag). */
    static final String LEADER_KEY = "leader";

    private final DiscoveryClient discovery;
    private final String serviceId;
    private final MarathonLocator fallback;

    public DiscoveredMarathons(DiscoveryClient discovery, String serviceId, MarathonLocator fallback) {
        this.discovery = discovery;
        this.serviceId = serviceId;
        this.fallback = fallback;
    }

    @Override
    public List<URI> candidates() {
        List<ServiceInstance> instances;
        try {
            instances = discovery.getInstances(serviceId);
        } catch (RuntimeException e) {
            log.warn("Could not read the registered {} instances; using the configured URLs: {}", serviceId,
                    e.toString());
            return fallback.candidates();
        }
        if (instances == null || instances.isEmpty()) {
            return fallback.candidates();
        }
        return instances.stream()
                .sorted(Comparator.comparing((ServiceInstance i) -> !isLeader(i))
                        .thenComparing(ServiceInstance::getHost).thenComparingInt(ServiceInstance::getPort))
                .map(i -> URI.create((i.isSecure() ? "https" : "http") + "://" + i.getHost() + ":" + i.getPort()))
                .toList();
    }

    private static boolean isLeader(ServiceInstance instance) {
        return "true".equals(instance.getMetadata().get(LEADER_KEY));
    }
}
