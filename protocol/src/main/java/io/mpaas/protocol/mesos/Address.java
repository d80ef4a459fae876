package io.mpaas.protocol.mesos;

/** A network address; {@code ip} is the dotted string form. */
public record Address(String hostname, String ip, Integer port) {
}
