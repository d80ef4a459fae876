package io.mpaas.marathon.scheduler;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How marathon uses offers and watches launches ({@code marathon.launch.*}).
 *
 * @param declineRefuse    filter for offers declined while nothing waits: long, so idle marathons
 *                         do not churn offers (Marathon's --decline_offer_duration, 120 s); a revive
 *                         clears it when work arrives
 * @param unusedRefuse     filter for offers that did not fit while instances wait: short, so the
 *                         resources come back soon to be tried again
 * @param launchTimeout    a task not RUNNING this long after launch is killed and replaced
 *                         (Marathon's --task_launch_timeout); covers image pulls
 * @param killRetry        an unconfirmed kill is sent again after this (--kill_retry_timeout)
 * @param reconcileInterval how often all tasks are reconciled with the master (--reconciliation_interval)
 * @param decideInterval   the least time between two decisions of a deployment's action that status
 *                         updates of its app bring about (each decision reads all the app's instances);
 *                         0 decides after every batch of the scheduler loop that touched the app
 */
@ConfigurationProperties("marathon.launch")
public record LaunchProperties(
        @DefaultValue("120s") Duration declineRefuse,
        @DefaultValue("1s") Duration unusedRefuse,
        @DefaultValue("5m") Duration launchTimeout,
        @DefaultValue("30s") Duration killRetry,
        @DefaultValue("10m") Duration reconcileInterval,
        @DefaultValue("10000") int servicePortMin,
        @DefaultValue("20000") int servicePortMax,
        @DefaultValue("50ms") Duration decideInterval) {

    /** The defaults, for code that runs without Spring (tests). */
    public static LaunchProperties defaults() {
        return new LaunchProperties(Duration.ofSeconds(120), Duration.ofSeconds(1), Duration.ofMinutes(5),
                Duration.ofSeconds(30), Duration.ofMinutes(10), 10000, 20000, Duration.ofMillis(50));
    }
}
