package io.mpaas.master.operator;

import io.mpaas.master.cluster.Cluster;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Takes snapshots of the cluster for the operator endpoints, holding the lock only while copying
 * references. Also remembers when this master process started ({@code start_time} in the state,
 * {@code master/uptime_secs}), which is not the same as when it was elected.
 */
@Component
public class StateReader {

    private final Cluster cluster;
    private final Instant startTime;

    public StateReader(Cluster cluster, Clock clock) {
        this.cluster = cluster;
        this.startTime = clock.instant();
    }

    ClusterSnapshot snapshot() {
        return cluster.locked(() -> ClusterSnapshot.capture(cluster, startTime));
    }

    /** A snapshot for a caller that already holds the lock (a subscriber registering atomically). */
    ClusterSnapshot snapshotLocked() {
        return ClusterSnapshot.capture(cluster, startTime);
    }

    Instant startTime() {
        return startTime;
    }

    Cluster cluster() {
        return cluster;
    }
}
