package io.mpaas.protocol.mesos;

/**
 * Offer filters of ACCEPT and DECLINE. {@code refuse_seconds}: how long the declined resources
 * are kept away from the framework; absent or negative means the default of 5 s.
 */
public record Filters(Double refuseSeconds) {
}
