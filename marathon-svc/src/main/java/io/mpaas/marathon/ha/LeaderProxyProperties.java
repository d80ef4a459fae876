package io.mpaas.marathon.ha;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a standby forwards requests to the leader ({@code marathon.leader-proxy.*}), after Marathon's
 * {@code --leader_proxy_*} flags.
 *
 * @param connectionTimeout   how long to wait for the leader to accept the connection (Marathon: 5 s); past it the
 *                            client gets 504, sooner than its own timeout would fire
 * @param readTimeout         how long to wait for the leader's response headers (Marathon: 10 s); past it 504. The
 *                            body is then streamed without a limit, so large answers are not cut off.
 * @param leaderRetries       how often to look again when no leader is known (an election is under way, or the
 *                            elected one has not noticed yet) before answering 503 (Marathon: 10)
 * @param leaderRetryInterval the pause between those looks (Marathon: 250 ms); retries times this bounds how long a
 *                            request waits for an election
 */
@ConfigurationProperties("marathon.leader-proxy")
public record LeaderProxyProperties(
        @DefaultValue("5s") Duration connectionTimeout,
        @DefaultValue("10s") Duration readTimeout,
        @DefaultValue("10") int leaderRetries,
        @DefaultValue("250ms") Duration leaderRetryInterval) {

    public LeaderProxyProperties {
        if (connectionTimeout.isNegative() || connectionTimeout.isZero()) {
            throw new IllegalArgumentException("marathon.leader-proxy.connection-timeout must be positive");
        }
        if (readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("marathon.leader-proxy.read-timeout must be positive");
        }
        if (leaderRetries < 0 || leaderRetryInterval.isNegative()) {
            throw new IllegalArgumentException("marathon.leader-proxy.leader-retries and leader-retry-interval "
                    + "must not be negative");
        }
    }
}
