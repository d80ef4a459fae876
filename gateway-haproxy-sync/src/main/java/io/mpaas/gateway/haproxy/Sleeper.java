package io.mpaas.gateway.haproxy;

import java.time.Duration;

/**
 * Waiting between polls and restarts, separated out so that the reloader's and the supervisor's timing can be
 * driven by a test together with a mutable clock instead of by real sleeps.
 */
@FunctionalInterface
public interface Sleeper {

    /** Really sleeps. */
    Sleeper REAL = duration -> Thread.sleep(duration);

    void sleep(Duration duration) throws InterruptedException;
}
