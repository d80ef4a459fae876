package io.mpaas.protocol.mesos;

/** A key/value label. */
public record Label(String key, String value) {
}
