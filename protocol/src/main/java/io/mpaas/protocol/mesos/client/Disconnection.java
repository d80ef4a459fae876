package io.mpaas.protocol.mesos.client;

import java.net.URI;
import java.time.Duration;

/**
 * The end of a subscription that had reached SUBSCRIBED. Offers received on it are void from now
 * on; calls fail with {@link SchedulerCallException.Code#NOT_SUBSCRIBED} until the client has
 * subscribed again, which it does by itself after {@code retryIn} with the same framework id.
 *
 * @param master the master of the subscription that ended
 * @param detail what happened, for logs and operators
 */
public record Disconnection(Cause cause, URI master, String detail, Duration retryIn) {

    /** Why the subscription ended. */
    public enum Cause {
        /** The master closed the stream cleanly: failover, restart, or another instance took over. */
        STREAM_ENDED,
        /** The connection broke or the stream was not valid RecordIO. */
        STREAM_BROKEN,
        /** No event, heartbeats included, within the allowed number of heartbeat intervals. */
        HEARTBEAT_MISSED,
        /** The master sent an ERROR event; the framework may have been removed. */
        ERROR_EVENT
    }
}
