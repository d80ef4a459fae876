package io.mpaas.agent.gc;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When the agent removes what finished tasks leave behind.
 *
 * @param containerRemoveDelay how long an exited container stays (for {@code docker logs} and
 *     post-mortems) before {@code rm -v}; Mesos keeps them 6 h, we default to 1 h so that
 *     crash-looping apps cannot fill the disk
 * @param sandboxMaxAge how long a finished task's sandbox stays when the disk is empty; Mesos's
 *     {@code gc_delay} (1 week), shortened as the disk fills
 * @param diskHeadroom the share of the disk kept free: at usage {@code 1 - headroom} sandboxes
 *     go as soon as their task has finished (Mesos's {@code gc_disk_headroom}, 0.1)
 * @param interval how often the collector looks (Mesos's {@code disk_watch_interval}, 1 min)
 */
@ConfigurationProperties("mesos.agent.gc")
public record GcProperties(
        @DefaultValue("1h") Duration containerRemoveDelay,
        @DefaultValue("7d") Duration sandboxMaxAge,
        @DefaultValue("0.1") double diskHeadroom,
        @DefaultValue("1m") Duration interval) {
}
