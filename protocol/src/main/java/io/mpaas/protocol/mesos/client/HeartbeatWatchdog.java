package io.mpaas.protocol.mesos.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Decides when a subscription stream that has gone quiet counts as dead. A half-open TCP
 * connection (the master's host vanished, a NAT forgot the flow) shows no error for minutes, so
 * the client cannot wait for one: Mesos sends a heartbeat every interval, and the stream is given
 * up when nothing at all arrives for {@code missedHeartbeats} intervals.
 *
 * <p>Pure deciding, no ticking: the reader calls {@link #eventSeen()}, the subscription thread
 * asks {@link #expired()} as it polls. All times come from the injected clock.
 */
final class HeartbeatWatchdog {

    /** Mesos's default heartbeat interval, for a SUBSCRIBED that does not name one. */
    static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(15);

    private final Clock clock;
    private final int missedHeartbeats;
    private volatile Duration window;
    private volatile Instant deadline;

    /**
     * @param firstEventTimeout how long to wait for SUBSCRIBED after the 200 OK; the heartbeat
     *                          interval is not known until SUBSCRIBED names it
     */
    HeartbeatWatchdog(Clock clock, int missedHeartbeats, Duration firstEventTimeout) {
        this.clock = clock;
        this.missedHeartbeats = missedHeartbeats;
        this.window = firstEventTimeout;
        this.deadline = clock.instant().plus(firstEventTimeout);
    }

    /** SUBSCRIBED arrived with this heartbeat interval ({@code null} or not positive: Mesos's default). */
    void subscribed(Double heartbeatIntervalSeconds) {
        Duration interval = heartbeatIntervalSeconds == null || !(heartbeatIntervalSeconds > 0)
                ? DEFAULT_HEARTBEAT_INTERVAL
                : Duration.ofNanos(Math.round(heartbeatIntervalSeconds * 1e9));
        window = interval.multipliedBy(missedHeartbeats);
        eventSeen();
    }

    /** An event (any, heartbeats included) arrived: the stream is alive. */
    void eventSeen() {
        deadline = clock.instant().plus(window);
    }

    boolean expired() {
        return !clock.instant().isBefore(deadline);
    }

    /** Time left before the stream counts as dead; zero once expired. */
    Duration remaining() {
        Duration left = Duration.between(clock.instant(), deadline);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** How long the stream may stay silent: the first-event timeout, then missed heartbeats × interval. */
    Duration window() {
        return window;
    }
}
