package io.mpaas.protocol.mesos;

/** A key/value parameter (docker parameters, URL query). */
public record Parameter(String key, String value) {
}
