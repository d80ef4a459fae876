package io.mpaas.agent.health;

import java.time.Duration;

/**
 * How the checker waits for the delay and between probes. A seam for tests, which drive the
 * rounds one by one instead of sleeping; the agent uses {@link #REAL}.
 */
@FunctionalInterface
interface Pause {

    /** Sleeps on the calling thread; an interrupt (the checker being stopped) ends it at once. */
    Pause REAL = Thread::sleep;

    void sleep(Duration duration) throws InterruptedException;
}
