package io.mpaas.marathon.health;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A probe whose answers the test sets per host ({@link Outcome#HEALTHY} unless told otherwise).
 * With a gate, every probe waits for a permit, so a test can hold probes in flight and count them.
 */
final class ScriptedProbe implements HealthCheckProbe {

    private final Map<String, Outcome> byHost = new ConcurrentHashMap<>();
    private volatile Outcome fallback = Outcome.HEALTHY;
    private volatile Semaphore gate;
    final List<String> probedHosts = new CopyOnWriteArrayList<>();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();

    void answer(String host, Outcome outcome) {
        byHost.put(host, outcome);
    }

    void answerEveryone(Outcome outcome) {
        byHost.clear();
        fallback = outcome;
    }

    void gate(Semaphore permits) {
        gate = permits;
    }

    @Override
    public Outcome probe(MarathonHealthCheck check, String host, int port) {
        probedHosts.add(host);
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try {
            Semaphore permits = gate;
            if (permits != null) {
                permits.acquire();
            }
            return byHost.getOrDefault(host, fallback);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome.Ignored("interrupted");
        } finally {
            inFlight.decrementAndGet();
        }
    }
}
