package io.mpaas.protocol.mesos;

import java.util.List;

/** Mesos's {@code URL}: an offer's {@code url} tells where the agent answers. */
public record Url(String scheme, Address address, String path, List<Parameter> query, String fragment) {
    public Url {
        query = query == null ? List.of() : List.copyOf(query);
    }

    public static Url http(String hostname, String ip, int port, String path) {
        return new Url("http", new Address(hostname, ip, port), path, List.of(), null);
    }
}
