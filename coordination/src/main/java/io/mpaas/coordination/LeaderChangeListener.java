package io.mpaas.coordination;

import java.util.Optional;

import io.mpaas.protocol.mesos.MasterInfo;

/**
 * Told when the leading master changes, so a scheduler client can re-subscribe, an agent can re-register and a
 * standby can point its redirects at the new leader. Called on the {@link MasterDetector}'s own thread, in
 * order, once on registration with the current view and then on every change.
 */
@FunctionalInterface
public interface LeaderChangeListener {

    /** The new leader, or empty while there is none (or this process cannot see ZooKeeper). */
    void onLeaderChanged(Optional<MasterInfo> leader);
}
