package io.mpaas.marathon.event;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The event bus's delivery limits ({@code marathon.events.*}). Every limit exists so that one slow or dead consumer
 * can neither hold up the scheduler nor make this process's memory grow.
 *
 * @param heartbeatInterval an SSE comment line after this much silence on {@code /v2/events}: Jetty's default in
 *     Marathon, often enough that proxies and clients with idle timeouts keep the stream, and how soon a client that
 *     went away is noticed (a write to it fails)
 * @param maxOutstandingMessages events queued for one SSE client (Marathon's
 *     {@code --event_stream_max_outstanding_messages}); a client that falls this far behind is disconnected, as it
 *     cannot keep up and would otherwise hold them in memory forever
 * @param callbackQueueCapacity events queued for one HTTP callback URL; beyond it new events are dropped for that
 *     URL (a subscriber that far behind has lost track anyway)
 * @param callbackTimeout connect and response timeout of one callback POST: a hung subscriber costs its own queue
 *     this long per event, nobody else anything
 * @param callbackRetries further attempts after a failed POST, while the subscriber has not been failing already
 * @param callbackRetryBackoff pause before the first retry, doubled before each next one: gives a restarting
 *     subscriber a moment
 * @param callbackRemoveAfter a subscriber whose deliveries have all failed for this long is unsubscribed for good,
 *     so that the URLs of long-gone services do not pile up
 * @param subscriptionRefreshInterval how often the callback URLs are re-read from the store, so that this instance
 *     learns of subscriptions made through another marathon (before a failover made this one the leader)
 */
@ConfigurationProperties("marathon.events")
public record EventsProperties(
        @DefaultValue("10s") Duration heartbeatInterval,
        @DefaultValue("1024") int maxOutstandingMessages,
        @DefaultValue("1024") int callbackQueueCapacity,
        @DefaultValue("10s") Duration callbackTimeout,
        @DefaultValue("2") int callbackRetries,
        @DefaultValue("1s") Duration callbackRetryBackoff,
        @DefaultValue("5m") Duration callbackRemoveAfter,
        @DefaultValue("30s") Duration subscriptionRefreshInterval) {

    public EventsProperties {
        requirePositive("heartbeat-interval", heartbeatInterval);
        requirePositive("callback-timeout", callbackTimeout);
        requirePositive("subscription-refresh-interval", subscriptionRefreshInterval);
        if (callbackRetryBackoff.isNegative() || callbackRemoveAfter.isNegative()) {
            throw new IllegalArgumentException("marathon.events: callback durations must not be negative");
        }
        if (maxOutstandingMessages < 1 || callbackQueueCapacity < 1 || callbackRetries < 0) {
            throw new IllegalArgumentException("marathon.events: queue sizes must be positive, retries not negative");
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("marathon.events." + name + " must be positive");
        }
    }
}
