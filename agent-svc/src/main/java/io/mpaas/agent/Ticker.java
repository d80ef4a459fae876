package io.mpaas.agent;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A piece of work run every {@code period} on a virtual thread while the application runs
 * (the resend of status updates, garbage collection). A round that fails is logged and the
 * next one runs as planned: one bad round must not stop the loop for good.
 */
public final class Ticker {

    private static final Logger log = LoggerFactory.getLogger(Ticker.class);

    private final String name;
    private final Duration period;
    private final Runnable work;
    private ScheduledExecutorService executor;

    public Ticker(String name, Duration period, Runnable work) {
        this.name = name;
        this.period = period;
        this.work = work;
    }

    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name(name).factory());
        long millis = period.toMillis();
        executor.scheduleWithFixedDelay(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                log.warn("A round of {} failed", name, e);
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
    }

    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    public synchronized boolean isRunning() {
        return executor != null && !executor.isShutdown();
    }
}
