package io.mpaas.coordination.discovery;

import io.mpaas.coordination.ZkUrl;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns Spring Cloud Zookeeper on when, and only when, the service runs on ZooKeeper.
 *
 * <p>Spring Cloud Zookeeper is on by default and then looks for a server on {@code localhost:2181}; a service
 * running standalone must not. So this reads {@code mpaas.discovery.zk} (each service's {@code application.yml}
 * points it at its own ZooKeeper setting, e.g. {@code ${marathon.zk:}}) and, as defaults an operator can still
 * override, sets {@code spring.cloud.zookeeper.enabled}, the connect string and the shared discovery root. A value
 * that is not a {@code zk://} URL (an agent's {@code host:port} master) means no discovery; the service's own
 * ZooKeeper setting reports a malformed URL itself.
 */
public final class DiscoveryEnvironment implements EnvironmentPostProcessor {

    /** The ZooKeeper URL discovery runs on; blank (the default) for none. */
    public static final String ZK_PROPERTY = "mpaas.discovery.zk";

    /** Where every service registers: one root for all, whatever path each service's own state uses. */
    public static final String ROOT = "/mpaas/services";

    /** The address to register (each service points it at the address it advertises); blank for Spring Cloud's. */
    public static final String HOST_PROPERTY = "mpaas.discovery.host";

    /** Set by this class: {@link #ZK_PROPERTY} holds a usable URL. */
    public static final String ACTIVE_PROPERTY = "mpaas.discovery.active";

    static final String SOURCE_NAME = "mpaasDiscoveryDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new HashMap<>();
        Optional<ZkUrl> url = zkUrl(environment.getProperty(ZK_PROPERTY, ""));
        defaults.put("spring.cloud.zookeeper.enabled", url.isPresent());
        defaults.put(ACTIVE_PROPERTY, url.isPresent());
        url.ifPresent(zk -> {
            defaults.put("spring.cloud.zookeeper.connect-string", zk.connectString());
            defaults.put("spring.cloud.zookeeper.discovery.root", ROOT);
            defaults.put("spring.cloud.zookeeper.discovery.metadata." + LeaderFlag.METADATA_KEY, "false");
            String host = environment.getProperty(HOST_PROPERTY, "");
            if (!host.isBlank()) {
                defaults.put("spring.cloud.zookeeper.discovery.instance-host", host.strip());
            }
        });
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, defaults));
    }

    /** The URL discovery runs on, if {@code value} is one. */
    static Optional<ZkUrl> zkUrl(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZkUrl.parse(value.strip()));
        } catch (IllegalArgumentException notZooKeeper) {
            return Optional.empty();
        }
    }
}
