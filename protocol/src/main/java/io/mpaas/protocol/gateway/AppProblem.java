package io.mpaas.protocol.gateway;

/**
 * Why an app (or one port of it) is not routed as its labels ask: an unknown or malformed label,
 * a port conflict, or a configuration HAProxy refused.
 *
 * @param label the label at fault, or null when the problem is not one label's
 */
public record AppProblem(String appId, String label, String message) {
}
