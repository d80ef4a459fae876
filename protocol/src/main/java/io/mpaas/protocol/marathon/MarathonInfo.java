package io.mpaas.protocol.marathon;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * {@code GET /v2/info}: who this marathon is and how it is configured, with Marathon's flag names
 * ({@code marathon_config.framework_name}, {@code zookeeper_config.zk_timeout}, ...).
 *
 * @param elected whether this instance leads
 * @param leader  the leader's {@code host:port}; null while there is none
 */
public record MarathonInfo(
        String name,
        String version,
        String buildref,
        boolean elected,
        String leader,
        String frameworkId,
        @JsonProperty("marathon_config") Map<String, Object> marathonConfig,
        @JsonProperty("zookeeper_config") Map<String, Object> zookeeperConfig,
        @JsonProperty("http_config") Map<String, Object> httpConfig) {
}
