package io.mpaas.protocol.mesos.client;

import io.mpaas.protocol.mesos.MasterInfo;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Where the scheduler client should send its SUBSCRIBE: the base URI of a master
 * ({@code http://host:5050}), ideally the leader. A standby is fine too: it answers 307 and the
 * client follows. Implementations must be thread-safe; the client asks again before every
 * subscription attempt, so a detector that tracks the leader (ZooKeeper) is read fresh each time.
 */
@FunctionalInterface
public interface MasterLocator {

    /** The master to try next, or empty when no master is known (the client backs off and asks again). */
    Optional<URI> current();

    /**
     * The client could not use {@code master}: it did not answer, or answered 503 (no leader
     * elected, or still recovering). A locator with alternatives moves on to the next one.
     */
    default void unusable(URI master) {
    }

    /**
     * Waits before the next attempt after {@code failed} did not work: {@code max}, or until
     * {@code stop} is counted down.
     *
     * @return true when stopped
     */
    default boolean pause(Duration max, URI failed, CountDownLatch stop) throws InterruptedException {
        return stop.await(max.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** A fixed list of masters, tried in turn; see {@link StaticMasterLocator}. */
    static MasterLocator of(List<URI> masters) {
        return new StaticMasterLocator(masters);
    }

    /**
     * Adapts a leader detector that another module provides (ZooKeeper, Spring Cloud discovery):
     * the supplier answers the leader's base URI, or empty while no leader is known. Failures are
     * not reported back: the detector learns of a new leader from its own source.
     */
    static MasterLocator detectedBy(Supplier<Optional<URI>> detector) {
        return detectedBy(detector, FRAMEWORK_SPREAD);
    }

    /**
     * As {@link #detectedBy(Supplier)}, going to a newly detected leader after a random delay of
     * up to {@code spread}: frameworks, few, go at once ({@link #FRAMEWORK_SPREAD}); agents, many,
     * spread out as Mesos agents do ({@link #AGENT_SPREAD}), so the new leader is not swamped and
     * frameworks get in first.
     */
    static MasterLocator detectedBy(Supplier<Optional<URI>> detector, Duration spread) {
        return new DetectedMasterLocator(detector, spread);
    }

    /** Random delay before a framework goes to a newly detected leader. */
    Duration FRAMEWORK_SPREAD = Duration.ofMillis(100);

    /** Random delay before an agent goes to a newly detected leader: Mesos's {@code --registration_backoff_factor}. */
    Duration AGENT_SPREAD = Duration.ofSeconds(1);

    /** The base URI of a master as published in ZooKeeper or SUBSCRIBED: {@code http://<address>:<port>}. */
    static URI baseUri(MasterInfo master) {
        return URI.create("http://" + master.hostPort());
    }
}
