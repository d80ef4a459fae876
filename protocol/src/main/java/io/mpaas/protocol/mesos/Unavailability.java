package io.mpaas.protocol.mesos;

/** A maintenance window: from {@code start} for {@code duration} (absent duration: indefinitely). */
public record Unavailability(TimeInfo start, DurationInfo duration) {
}
