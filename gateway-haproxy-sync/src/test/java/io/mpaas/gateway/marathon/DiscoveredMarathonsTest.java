package io.mpaas.gateway.marathon;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;

class DiscoveredMarathonsTest {

    private final List<ServiceInstance> registered = new ArrayList<>();
    private boolean unreadable;

    private final DiscoveryClient discovery = new DiscoveryClient() {
        @Override
        public String description() {
            return "test";
        }

        @Override
        public List<ServiceInstance> getInstances(String serviceId) {
            if (unreadable) {
                throw new IllegalStateException("ZooKeeper connection lost");
            }
            return registered.stream().filter(i -> i.getServiceId().equals(serviceId)).toList();
        }

        @Override
        public List<String> getServices() {
            return registered.stream().map(ServiceInstance::getServiceId).distinct().toList();
        }
    };

    private final MarathonLocator configured = () -> List.of(URI.create("http://configured:8080"));
    private final DiscoveredMarathons locator = new DiscoveredMarathons(discovery, "marathon", configured);

    private void register(String service, String host, int port, String leader, boolean secure) {
        registered.add(new DefaultServiceInstance(host + port, service, host, port, secure,
                leader == null ? Map.of() : Map.of("leader", leader)));
    }

    @Test
    void theRegisteredLeaderComesFirst() {
        register("marathon", "m1", 8080, "false", false);
        register("marathon", "m2", 8080, "true", false);
        register("marathon", "m3", 8443, "false", true);
        register("mesos-master", "x", 5050, "true", false);

        assertThat(locator.candidates()).containsExactly(URI.create("http://m2:8080"), URI.create("http://m1:8080"),
                URI.create("https://m3:8443"));
    }

    @Test
    void registrationsWithoutAMarkAreStandbys() {
        register("marathon", "m2", 8080, null, false);
        register("marathon", "m1", 8080, null, false);

        assertThat(locator.candidates()).containsExactly(URI.create("http://m1:8080"), URI.create("http://m2:8080"));
    }

    @Test
    void theConfiguredUrlsWhenNoneRegisteredOrDiscoveryFails() {
        assertThat(locator.candidates()).containsExactly(URI.create("http://configured:8080"));

        register("marathon", "m1", 8080, "true", false);
        unreadable = true;
        assertThat(locator.candidates()).containsExactly(URI.create("http://configured:8080"));
    }

    @Test
    void anotherServiceIdFindsAMarathonRegisteredUnderItsOwnName() {
        register("marathon-user", "mu", 8080, "true", false);

        assertThat(new DiscoveredMarathons(discovery, "marathon-user", configured).candidates())
                .containsExactly(URI.create("http://mu:8080"));
    }
}
