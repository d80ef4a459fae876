package io.mpaas.agent.health;

/**
 * Where a {@link HealthChecker} sends what the agent must act on. Called from the checker's
 * own (virtual) thread, one call at a time, never interrupted by {@link HealthChecker#stop()}
 * (which a listener may call). A call that began just before stop() may still arrive, so the
 * agent drops reports for a task it is already killing or that has ended, as Mesos's
 * executors do.
 */
public interface HealthListener {

    /**
     * Report the task's health: send a TASK_RUNNING status update with {@code healthy} set
     * (reason REASON_TASK_HEALTH_CHECK_STATUS_UPDATED). Called, as Mesos does, on the first
     * success, on the first success after failures, and on <em>every</em> failure that
     * counts (not only on a change), so a task failing its checks reports unhealthy once per
     * interval until it recovers or is killed.
     *
     * @param message what the probe saw, for example "HTTP GET http://172.17.0.2:8080/
     *     returned 503"
     */
    void healthChanged(boolean healthy, String message);

    /**
     * Kill the task now: it failed {@code consecutive_failures} checks in a row. Called once,
     * right after the {@code healthChanged(false, …)} for the last failure; the checker has
     * ended when this is called. Mesos then kills the task with its kill policy's grace
     * period (TASK_KILLING first for frameworks that asked for it) and the terminal
     * TASK_KILLED carries {@code healthy=false}.
     */
    void unhealthy(String message);
}
