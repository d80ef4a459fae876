package io.mpaas.master.framework;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The v1 scheduler API's streams ({@code mesos.master.frameworks.*}).
 *
 * @param heartbeatInterval a HEARTBEAT after this much silence. Mesos uses 15 s, but some clients
 *     give up on a connection idle for 10 s, so the default is well below that.
 * @param streamBufferBytes response buffer of a subscription: each record up to this size goes out
 *     as exactly one HTTP chunk (clients that parse chunks break on split records)
 * @param queueCapacity events queued for one framework beyond which its stream is taken as stuck and closed
 */
@ConfigurationProperties("mesos.master.frameworks")
public record SchedulerApiProperties(
        @DefaultValue("5s") Duration heartbeatInterval,
        @DefaultValue("1048576") int streamBufferBytes,
        @DefaultValue("100000") int queueCapacity) {
}
