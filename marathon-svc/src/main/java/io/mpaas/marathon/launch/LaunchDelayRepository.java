package io.mpaas.marathon.launch;

import java.util.Collection;
import java.util.Map;

/**
 * Durable store of the launch delays, so that a new leader holds a crash-looping app configuration back
 * exactly as long as the old leader would have (Marathon forgets them on failover and relaunches
 * every such app at once). Written only when a delay changes, which is rare next to launches.
 */
public interface LaunchDelayRepository {

    /** Every stored delay by app configuration; instants come back to the millisecond. */
    Map<LaunchDelays.Key, LaunchDelay> all();

    /**
     * Stores {@code saved} (replacing the delay of each key) and forgets {@code removed} (unknown keys are
     * ignored), in one transaction.
     */
    void write(Map<LaunchDelays.Key, LaunchDelay> saved, Collection<LaunchDelays.Key> removed);
}
