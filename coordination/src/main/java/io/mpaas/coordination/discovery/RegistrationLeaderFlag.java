package io.mpaas.coordination.discovery;

import java.util.Map;
import org.apache.curator.x.discovery.ServiceDiscovery;
import org.apache.curator.x.discovery.ServiceInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.zookeeper.discovery.ZookeeperInstance;
import org.springframework.cloud.zookeeper.serviceregistry.ZookeeperRegistration;

/**
 * The leader mark in this instance's Spring Cloud Zookeeper registration.
 *
 * <p>The mark is put into the registration's metadata and the registration is rewritten in ZooKeeper. Leadership
 * can change before the service has registered (a master may win its election while the web server is still
 * binding); then only the metadata changes, and the registration, made later from the same instance, carries
 * it. A failed write is logged and left: the next change writes the whole registration again, and a client that
 * finds no leader mark still finds the leader through the service's own redirect.
 */
final class RegistrationLeaderFlag implements LeaderFlag {

    private static final Logger log = LoggerFactory.getLogger(RegistrationLeaderFlag.class);

    private final ServiceDiscovery<ZookeeperInstance> discovery;
    private final ZookeeperRegistration registration;

    RegistrationLeaderFlag(ServiceDiscovery<ZookeeperInstance> discovery, ZookeeperRegistration registration) {
        this.discovery = discovery;
        this.registration = registration;
    }

    @Override
    public synchronized void leading(boolean leading) {
        // Built on first use; the registration rebuilds it around the same payload when it learns its port.
        ServiceInstance<ZookeeperInstance> instance = registration.getServiceInstance();
        Map<String, String> metadata = instance.getPayload().getMetadata();
        metadata.put(METADATA_KEY, Boolean.toString(leading));
        try {
            discovery.updateService(instance);
            log.info("Discovery lists {} {} as {}", instance.getName(), instance.getId(),
                    leading ? "the leader" : "a standby");
        } catch (Exception notYetRegistered) {
            log.debug("Registration of {} not rewritten (leader={}); it carries the mark when it is made: {}",
                    instance.getId(), leading, notYetRegistered.toString());
        }
    }
}
