package io.mpaas.marathon.health;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls one piece of work every period on its own thread, between {@link #start} and {@link #stop};
 * the ticking half of the leader-only loops here, whose deciding half takes the time as an argument.
 * A failing round is logged and the next one runs as planned.
 */
final class Ticker {

    private static final Logger log = LoggerFactory.getLogger(Ticker.class);

    private final String name;
    private final Duration period;
    private final Runnable work;
    private ScheduledExecutorService executor;

    Ticker(String name, Duration period, Runnable work) {
        this.name = name;
        this.period = period;
        this.work = work;
    }

    synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name(name).factory());
        long millis = Math.max(1, period.toMillis());
        executor.scheduleAtFixedRate(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                log.warn("A round of {} failed", name, e);
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
    }

    synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }
}
