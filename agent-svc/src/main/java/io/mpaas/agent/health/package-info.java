/**
 * Task health checks run by the agent, the way Mesos's built-in executors run them
 * ({@code src/checks/health_checker.cpp} and {@code checker_process.cpp}, {@code
 * docs/health-checks.md}).
 *
 * <p>The agent turns a task's {@code health_check} into a {@link
 * io.mpaas.agent.health.HealthCheckSpec} at launch (an invalid one is the task's fault:
 * TASK_ERROR), and once the task runs starts a {@link io.mpaas.agent.health.HealthChecker}
 * for it. The checker calls back a {@link io.mpaas.agent.health.HealthListener}: every
 * report becomes a TASK_RUNNING update with {@code healthy} set and reason
 * REASON_TASK_HEALTH_CHECK_STATUS_UPDATED, and {@code unhealthy} means "kill the task now";
 * its terminal TASK_KILLED then carries {@code healthy=false}.
 *
 * <p>Deciding and ticking are apart: {@code HealthCheckState} is the pure rule (grace
 * period, consecutive failures, what to report), {@code HealthChecker} the loop that sleeps,
 * probes and applies the decision.
 */
package io.mpaas.agent.health;
