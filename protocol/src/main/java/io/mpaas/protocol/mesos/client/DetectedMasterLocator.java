package io.mpaas.protocol.mesos.client;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A locator that follows a leader detector (ZooKeeper). Its pause ends early once the detector
 * names a master other than the one that just failed: after a failover, clients go to the new
 * leader as soon as it is known instead of sitting out a backoff that grew while no leader was
 * elected. A short random delay spreads thousands of agents that all notice at the same moment.
 */
final class DetectedMasterLocator implements MasterLocator {

    /** How often a waiting client looks at the detector; reading it is a volatile read. */
    static final Duration POLL = Duration.ofMillis(50);

    /** Upper bound of the random spread before going to a newly detected leader. */
    static final Duration SPREAD = Duration.ofMillis(250);

    private final Supplier<Optional<URI>> detector;

    DetectedMasterLocator(Supplier<Optional<URI>> detector) {
        this.detector = detector;
    }

    @Override
    public Optional<URI> current() {
        return detector.get();
    }

    @Override
    public boolean pause(Duration max, URI failed, CountDownLatch stop) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            if (stop.await(Math.min(left, POLL.toNanos()), TimeUnit.NANOSECONDS)) {
                return true;
            }
            Optional<URI> now = detector.get();
            if (now.isPresent() && !now.get().equals(failed)) {
                long spread = ThreadLocalRandom.current().nextLong(SPREAD.toNanos() + 1);
                return stop.await(Math.min(spread, Math.max(0, deadline - System.nanoTime())), TimeUnit.NANOSECONDS);
            }
        }
    }
}
