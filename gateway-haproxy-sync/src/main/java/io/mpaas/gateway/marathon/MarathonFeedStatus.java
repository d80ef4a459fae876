package io.mpaas.gateway.marathon;

import java.net.URI;
import java.time.Instant;

/**
 * What the feed is doing, for the gateway's API and metrics. Times are null until they first happen.
 *
 * @param running        started and not stopped
 * @param connected      an event stream is open now
 * @param url            the configured URL the open stream was found through; null while disconnected
 * @param leader         the marathon serving the open stream (the leader); null while disconnected
 * @param connectedSince when the open stream was opened; null while disconnected
 * @param lastEventAt    when the last event (not a keepalive) arrived, on any stream
 * @param lastSnapshotAt when the last full read of every app succeeded
 * @param reconnects     streams opened after the first one
 * @param eventsReceived events received on all streams, of every type asked for
 * @param snapshots      full reads delivered to the listener
 * @param appReads       single-app reads delivered to the listener
 * @param unreadableApps apps left out of the last full read because they did not parse
 * @param lastError      why the last stream ended or the last connect failed; null when none has
 */
public record MarathonFeedStatus(
        boolean running,
        boolean connected,
        URI url,
        URI leader,
        Instant connectedSince,
        Instant lastEventAt,
        Instant lastSnapshotAt,
        long reconnects,
        long eventsReceived,
        long snapshots,
        long appReads,
        int unreadableApps,
        String lastError) {
}
