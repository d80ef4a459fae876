package io.mpaas.protocol.mesos;

import java.time.Duration;

/** A duration in nanoseconds. */
public record DurationInfo(long nanoseconds) {
    public static DurationInfo of(Duration d) {
        return new DurationInfo(d.toNanos());
    }

    public Duration toDuration() {
        return Duration.ofNanos(nanoseconds);
    }
}
