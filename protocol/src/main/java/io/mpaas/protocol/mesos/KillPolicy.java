package io.mpaas.protocol.mesos;

/** How long a task gets between SIGTERM and SIGKILL. */
public record KillPolicy(DurationInfo gracePeriod) {
}
