package io.mpaas.protocol.mesos;

/** A text value (attributes only). */
public record Text(String value) {
}
