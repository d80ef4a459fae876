package io.mpaas.master.offer;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.stereotype.Component;

/**
 * The doorbell of the allocation loop: any number of requests between two cycles ring it once.
 * Kept apart from the loop so that what rings it (offers, tasks) need not know the loop.
 */
@Component
public class AllocationSignal implements AllocationTrigger {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition rung = lock.newCondition();
    private boolean requested;

    @Override
    public void requestAllocation() {
        lock.lock();
        try {
            requested = true;
            rung.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits for a request or {@code max}, whichever comes first, and clears the request. */
    public void await(Duration max) throws InterruptedException {
        lock.lock();
        try {
            long nanos = max.toNanos();
            while (!requested && nanos > 0) {
                nanos = rung.awaitNanos(nanos);
            }
            requested = false;
        } finally {
            lock.unlock();
        }
    }
}
