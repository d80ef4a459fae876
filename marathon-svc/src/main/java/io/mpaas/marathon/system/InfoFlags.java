package io.mpaas.marathon.system;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.env.Environment;

/**
 * Marathon's command-line flags as {@code /v2/info} shows them, each read from the Spring property
 * that configures it here (falling back to Marathon's default), in Marathon's units: durations in
 * milliseconds, {@code failover_timeout} in seconds. A property that is missing shows Marathon's
 * default, which is also what this service runs with until someone configures otherwise.
 */
final class InfoFlags {

    /** One flag: its Marathon name, the property behind it, its default, and for a duration its unit. */
    private record Flag(String name, String property, Object fallback, ChronoUnit unit) {

        static Flag of(String name, String property, Object fallback) {
            return new Flag(name, property, fallback, null);
        }

        static Flag millis(String name, String property, Duration fallback) {
            return new Flag(name, property, fallback, ChronoUnit.MILLIS);
        }

        Object value(Environment environment) {
            if (fallback instanceof Duration duration) {
                String text = environment.getProperty(property);
                Duration value = text == null ? duration : DurationStyle.detectAndParse(text);
                return unit == ChronoUnit.SECONDS ? value.toSeconds() : value.toMillis();
            }
            if (fallback instanceof List<?> list) {
                String[] values = environment.getProperty(property, String[].class);
                return values == null ? list : List.of(values);
            }
            if (fallback == null) {
                return environment.getProperty(property);
            }
            Object value = environment.getProperty(property, fallback.getClass());
            return value == null ? fallback : value;
        }
    }

    static final List<Flag> MARATHON = List.of(
            Flag.of("master", "marathon.mesos.master", null),
            Flag.of("framework_name", "marathon.mesos.framework-name", "marathon"),
            new Flag("failover_timeout", "marathon.mesos.failover-timeout", Duration.ofDays(7), ChronoUnit.SECONDS),
            Flag.of("checkpoint", "marathon.checkpoint", true),
            Flag.of("executor", "marathon.executor", "//cmd"),
            Flag.of("ha", "marathon.ha", true),
            Flag.of("hostname", "marathon.hostname", null),
            Flag.of("local_port_min", "marathon.launch.service-port-min", 10000),
            Flag.of("local_port_max", "marathon.launch.service-port-max", 20000),
            Flag.of("max_instances_per_offer", "marathon.offer.max-instances-per-offer", 5),
            Flag.of("max_running_deployments", "marathon.max-running-deployments", 100),
            Flag.of("mesos_role", "marathon.mesos.role", null),
            Flag.of("mesos_user", "marathon.mesos.user", System.getProperty("user.name")),
            Flag.millis("task_launch_timeout", "marathon.launch.launch-timeout", Duration.ofMinutes(5)),
            Flag.millis("task_reservation_timeout", "marathon.task-reservation-timeout", Duration.ofSeconds(20)),
            Flag.millis("reconciliation_initial_delay", "marathon.reconciliation-initial-delay",
                    Duration.ofSeconds(15)),
            Flag.millis("reconciliation_interval", "marathon.launch.reconcile-interval", Duration.ofMinutes(10)),
            Flag.millis("decline_offer_duration", "marathon.launch.decline-refuse", Duration.ofMinutes(2)),
            Flag.of("launch_token", "marathon.launch-token", 100),
            Flag.millis("launch_token_refresh_interval", "marathon.launch-token-refresh-interval",
                    Duration.ofSeconds(30)),
            Flag.of("webui_url", "marathon.mesos.webui-url", null),
            Flag.of("features", "marathon.features", List.of()));

    static final List<Flag> ZOOKEEPER = List.of(
            Flag.of("zk", "marathon.zk", "zk://localhost:2181/marathon"),
            Flag.millis("zk_timeout", "marathon.zk.timeout", Duration.ofSeconds(10)),
            Flag.millis("zk_connection_timeout", "marathon.zk-connection-timeout", Duration.ofSeconds(10)),
            Flag.millis("zk_session_timeout", "marathon.zk-session-timeout", Duration.ofSeconds(10)),
            Flag.of("zk_max_versions", "marathon.store.max-versions", 50),
            Flag.of("zk_compression", "marathon.zk.compression", true),
            Flag.of("zk_compression_threshold", "marathon.zk.compression-threshold", 65536),
            Flag.of("zk_max_node_size", "marathon.zk.max-node-size", 1024000));

    static final List<Flag> HTTP = List.of(
            Flag.of("http_port", "server.port", 8080),
            Flag.of("https_port", "marathon.https-port", 8443));

    private InfoFlags() {
    }

    /** The flags' values in table order; a flag without value shows as null (left out). */
    static Map<String, Object> values(List<Flag> flags, Environment environment) {
        Map<String, Object> result = new LinkedHashMap<>();
        for (Flag flag : flags) {
            result.put(flag.name(), flag.value(environment));
        }
        return result;
    }
}
