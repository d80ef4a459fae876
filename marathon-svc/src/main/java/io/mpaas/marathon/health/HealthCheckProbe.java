package io.mpaas.marathon.health;

/**
 * Runs one marathon-run check against one instance once. Blocking, and meant to be called on a
 * virtual thread: it returns within the check's timeout (plus scheduling noise) and never throws
 * for network trouble, which is an {@link Outcome.Unhealthy} like any other failure.
 */
public interface HealthCheckProbe {

    Outcome probe(MarathonHealthCheck check, String host, int port);
}
