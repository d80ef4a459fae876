package io.mpaas.master.operator;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The operator API's event streams ({@code mesos.master.operator.*}).
 *
 * @param heartbeatInterval a HEARTBEAT after this much silence on a subscription: often enough
 *     that clients and proxies with a 10 s idle timeout keep the connection
 * @param maxSubscribers at most this many operator subscriptions (Mesos's
 *     {@code --max_operator_event_stream_subscribers}); the oldest is closed to admit a new one, so
 *     that leaked dashboards cannot exhaust the master
 * @param queueCapacity events queued for one subscriber beyond which it is taken as stuck and closed
 * @param streamBufferBytes response buffer of a subscription: each record up to this size goes out
 *     as one HTTP chunk
 */
@ConfigurationProperties("mesos.master.operator")
public record OperatorProperties(
        @DefaultValue("5s") Duration heartbeatInterval,
        @DefaultValue("1000") int maxSubscribers,
        @DefaultValue("100000") int queueCapacity,
        @DefaultValue("1048576") int streamBufferBytes) {
}
