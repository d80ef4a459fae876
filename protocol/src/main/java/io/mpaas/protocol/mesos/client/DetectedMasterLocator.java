package io.mpaas.protocol.mesos.client;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A locator that follows a leader detector (ZooKeeper). Its pause ends early once the detector
 * names a master other than the one that just failed: after a failover, clients go to the new
 * leader as soon as it is known instead of sitting out a backoff that grew while no leader was
 * elected. A random delay up to the spread keeps thousands of clients that notice at the same
 * moment from arriving at once. One watcher thread per locator looks at the detector and wakes
 * the waiters, so ten thousand agents sharing a locator do not each poll it.
 */
final class DetectedMasterLocator implements MasterLocator {

    /** How often the watcher looks at the detector; reading it is a volatile read. */
    static final Duration POLL = Duration.ofMillis(50);

    /** Longest a waiter sleeps before looking at its stop signal again. */
    static final Duration STOP_CHECK = Duration.ofMillis(500);

    private final Supplier<Optional<URI>> detector;
    private final Duration spread;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private volatile boolean watching;

    /** @param spread upper bound of the random delay before going to a newly detected leader */
    DetectedMasterLocator(Supplier<Optional<URI>> detector, Duration spread) {
        this.detector = detector;
        this.spread = spread;
    }

    @Override
    public Optional<URI> current() {
        return detector.get();
    }

    @Override
    public boolean pause(Duration max, URI failed, CountDownLatch stop) throws InterruptedException {
        watch();
        long deadline = System.nanoTime() + max.toNanos();
        lock.lock();
        try {
            while (true) {
                if (stop.getCount() == 0) {
                    return true;
                }
                Optional<URI> now = detector.get();
                if (now.isPresent() && !now.get().equals(failed)) {
                    break;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                changed.awaitNanos(Math.min(left, STOP_CHECK.toNanos()));
            }
        } finally {
            lock.unlock();
        }
        long delay = ThreadLocalRandom.current().nextLong(spread.toNanos() + 1);
        return stop.await(Math.min(delay, Math.max(0, deadline - System.nanoTime())), TimeUnit.NANOSECONDS);
    }

    /** Starts the watcher on first use; it lives as long as the process (one per locator). */
    private void watch() {
        if (watching) {
            return;
        }
        synchronized (this) {
            if (watching) {
                return;
            }
            watching = true;
            Thread.ofVirtual().name("leader-watch").start(() -> {
                Optional<URI> seen = detector.get();
                while (true) {
                    LockSupport.parkNanos(POLL.toNanos());
                    Optional<URI> now = detector.get();
                    if (!now.equals(seen)) {
                        seen = now;
                        lock.lock();
                        try {
                            changed.signalAll();
                        } finally {
                            lock.unlock();
                        }
                    }
                }
            });
        }
    }
}
