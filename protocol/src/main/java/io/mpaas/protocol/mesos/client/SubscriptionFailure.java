package io.mpaas.protocol.mesos.client;

import java.net.URI;
import java.time.Duration;

/**
 * A subscription attempt that did not reach SUBSCRIBED. The client retries by itself after
 * {@code retryIn}; a listener that wants to give up (say, after repeated 401s) closes the client.
 *
 * @param master  the master that answered (or did not), after redirects; {@code null} for {@link Kind#NO_MASTER}
 * @param status  the HTTP status, or 0 when there was no response
 * @param detail  the response body or error text, for logs and operators
 * @param retryIn how long the client waits before its next attempt
 */
public record SubscriptionFailure(Kind kind, URI master, int status, String detail, Duration retryIn) {

    /** What went wrong; each kind says how the client retries. */
    public enum Kind {
        /** The locator knows no master (no leader in ZooKeeper yet). Retried with growing backoff. */
        NO_MASTER,
        /** Connection refused, reset or timed out. The locator is told; retried with growing backoff. */
        UNREACHABLE,
        /**
         * 503: no leader elected or the leader is still recovering. Retried after a brief pause that
         * does not grow the backoff: the answer changes within moments (a failover in progress).
         */
        UNAVAILABLE,
        /** A 307 without {@code Location}, or more hops than allowed. Retried with growing backoff. */
        REDIRECT_FAILED,
        /**
         * Any other status, with its body (400 invalid FrameworkInfo, 401, 403, 415...). A 4xx is retried
         * only after the maximum backoff, since retrying soon cannot fix it; a 5xx with growing backoff.
         */
        REJECTED,
        /** 200 but not a usable stream: no {@code Mesos-Stream-Id}, or not JSON. Retried after the maximum backoff. */
        MALFORMED_RESPONSE,
        /** The master sent ERROR instead of SUBSCRIBED (e.g. the framework was removed). Retried with growing backoff. */
        ERROR_EVENT,
        /** The stream ended, broke or stayed silent before SUBSCRIBED arrived. Retried with growing backoff. */
        STREAM_FAILED
    }
}
