package io.mpaas.protocol.gateway;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Whether a server takes new traffic. A server leaves a backend by way of {@link #DRAIN}: its
 * open connections finish while no new ones come, then it is removed.
 */
public enum ServerState {
    /** Running, healthy and ready: balanced onto. */
    @JsonProperty("ready") READY,
    /** Being killed: no new connections; established ones finish. May only be followed by removal. */
    @JsonProperty("drain") DRAIN
}
