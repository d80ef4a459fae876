package io.mpaas.agent.health;

import io.mpaas.agent.container.ContainerHandle;
import io.mpaas.agent.container.ExecResult;
import java.time.Duration;

/**
 * A COMMAND health check: the check's command run in the task's context ({@link
 * ContainerHandle#exec}: {@code docker exec} in its container, or a shell in its sandbox
 * with its environment plus the check's variables); healthy on exit 0 within the timeout.
 */
final class CommandProbe implements HealthProbe {

    /**
     * What "no timeout" (a {@code timeout_seconds} of 0, as Mesos reads it) is passed on as:
     * {@link ContainerHandle#exec} has no unlimited value, and ten years outlives any task.
     */
    static final Duration UNLIMITED = Duration.ofDays(3650);

    /** How much of the command's output a message quotes; the rest is in the agent's log at most. */
    private static final int MAX_OUTPUT_CHARS = 1024;

    private final HealthCheckSpec.Command target;
    private final ContainerHandle container;
    private final Duration timeout;

    CommandProbe(HealthCheckSpec.Command target, ContainerHandle container, Duration timeout) {
        this.target = target;
        this.container = container;
        this.timeout = timeout;
    }

    @Override
    public CheckOutcome probe() throws InterruptedException {
        ExecResult result = container.exec(target.shellCommand(), target.environment(),
                timeout.isZero() ? UNLIMITED : timeout);
        if (result.timedOut()) {
            return CheckOutcome.timedOut("command", timeout);
        }
        if (result.exitCode() == null) {
            return CheckOutcome.failed("command could not be run" + quoted(result.output()));
        }
        String message = "command exited " + result.exitCode() + quoted(result.output());
        return result.succeeded() ? CheckOutcome.passed(message) : CheckOutcome.failed(message);
    }

    private static String quoted(String output) {
        if (output == null || output.isBlank()) {
            return "";
        }
        String trimmed = output.strip();
        return ": " + (trimmed.length() > MAX_OUTPUT_CHARS ? trimmed.substring(0, MAX_OUTPUT_CHARS) + "…" : trimmed);
    }
}
