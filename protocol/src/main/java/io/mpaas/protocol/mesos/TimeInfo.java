package io.mpaas.protocol.mesos;

/** A point in time as nanoseconds since the epoch. */
public record TimeInfo(long nanoseconds) {
}
