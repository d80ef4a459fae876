package io.mpaas.agent.link;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the agent finds and reaches the leading master.
 *
 * @param url {@code http://host:5050} (several comma-separated: any of them; standbys redirect
 *     to the leader), or {@code zk://host1:2181,host2:2181/mesos} to follow the leader in ZooKeeper
 * @param principal the agent's credential (HTTP Basic) when the master authenticates agents
 * @param secret its secret
 * @param registrationBackoff the first wait before re-registering after a broken link; doubles per
 *     attempt up to {@code maxRegistrationBackoff} (Mesos: 1 s and 1 min)
 * @param requestTimeout how long a call on the link (an update, a pong) may take
 */
@ConfigurationProperties("mesos.agent.master")
public record MasterLinkProperties(
        @DefaultValue("http://localhost:5050") String url,
        String principal,
        String secret,
        @DefaultValue("1s") Duration registrationBackoff,
        @DefaultValue("1m") Duration maxRegistrationBackoff,
        @DefaultValue("30s") Duration requestTimeout) {

    /** {@code principal:secret} for HTTP Basic, or null when no credential is configured. */
    String credentials() {
        return principal == null || principal.isBlank() ? null : principal + ":" + (secret == null ? "" : secret);
    }
}
