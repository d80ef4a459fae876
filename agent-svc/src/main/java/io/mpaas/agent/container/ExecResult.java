package io.mpaas.agent.container;

/**
 * The outcome of {@link ContainerHandle#exec}.
 *
 * @param exitCode the command's exit status; null when it timed out or could not be started
 * @param timedOut it ran longer than its timeout and was killed
 * @param output the first few KB of its combined output, for the health check's message
 */
public record ExecResult(Integer exitCode, boolean timedOut, String output) {

    public boolean succeeded() {
        return exitCode != null && exitCode == 0;
    }
}
