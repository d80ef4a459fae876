package io.mpaas.protocol.gateway;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How HAProxy treats a port's traffic: {@code tcp} (marathon-lb's default) or {@code http}. */
public enum ProxyMode {
    /** Layer 7: needed for virtual hosts, paths, cookies and HTTP health checks. */
    @JsonProperty("http") HTTP,
    /** Layer 4: bytes are passed through. */
    @JsonProperty("tcp") TCP;

    /** The keyword in HAProxy's configuration and in marathon-lb's {@code HAPROXY_{n}_MODE} label. */
    public String keyword() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
