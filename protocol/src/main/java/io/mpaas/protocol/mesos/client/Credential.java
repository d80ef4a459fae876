package io.mpaas.protocol.mesos.client;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * A framework's principal and secret for HTTP Basic authentication to the master. The secret
 * never appears in {@link #toString()}, so a credential can be logged with its settings.
 */
public record Credential(String principal, String secret) {

    public Credential {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(secret, "secret");
        if (principal.contains(":")) {
            throw new IllegalArgumentException("a Basic principal cannot contain ':'");
        }
    }

    /** The value of the {@code Authorization} header. */
    public String authorization() {
        String pair = principal + ":" + secret;
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "Credential[principal=" + principal + ", secret=****]";
    }
}
