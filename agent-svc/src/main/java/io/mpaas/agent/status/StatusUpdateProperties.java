package io.mpaas.agent.status;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the agent resends unacknowledged status updates.
 *
 * @param retryMin first resend interval: Mesos's 10 s, long enough for a framework to acknowledge
 * @param retryMax the backoff's cap: Mesos's 10 min, so a long outage costs few requests
 * @param tick how often due resends are looked for; bounds how late a resend can be
 */
@ConfigurationProperties("mesos.agent.status-updates")
public record StatusUpdateProperties(
        @DefaultValue("10s") Duration retryMin,
        @DefaultValue("10m") Duration retryMax,
        @DefaultValue("1s") Duration tick) {
}
