package io.mpaas.agent.container;

import java.time.Instant;

/**
 * How a container ended.
 *
 * @param exitCode the main process's exit status, or null when it is not known (killed by a
 *     signal without a code, or vanished)
 * @param killed the agent killed it (a KILL, a failed health check, a shutdown)
 * @param oomKilled the kernel killed it for exceeding its memory limit
 * @param message why, when there is more to say than the exit code (for example "container
 *     vanished while the agent was down"); null otherwise
 * @param finishedAt when it ended, when known
 */
public record ContainerExit(Integer exitCode, boolean killed, boolean oomKilled, String message,
        Instant finishedAt) {

    public static ContainerExit exited(int code, Instant at) {
        return new ContainerExit(code, false, false, null, at);
    }

    public static ContainerExit killed(Integer code, Instant at) {
        return new ContainerExit(code, true, false, null, at);
    }

    public static ContainerExit vanished(String message) {
        return new ContainerExit(null, false, false, message, null);
    }
}
