package io.mpaas.gateway.haproxy;

import java.time.Duration;

/**
 * What a reload came to, ready to be shown by an API.
 *
 * @param ok           a new worker runs the config on disk, confirmed by {@code show proc}
 * @param attempts     how many times {@code reload} was sent (or tried to be sent)
 * @param duration     from the first attempt to the confirmation or the giving up
 * @param newWorkerPid the pid of the worker that took over, null unless {@code ok}
 * @param message      what happened, for operators; on failure the reason
 */
public record ReloadResult(boolean ok, int attempts, Duration duration, Integer newWorkerPid, String message) {
}
