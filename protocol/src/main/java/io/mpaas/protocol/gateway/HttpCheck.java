package io.mpaas.protocol.gateway;

/**
 * An HTTP health check that HAProxy runs against every server of a backend, derived from the
 * app's first Marathon HTTP health check for that port (as marathon-lb derives it).
 *
 * @param path            the request path, {@code GET path}
 * @param intervalSeconds between two checks of one server
 * @param timeoutSeconds  how long one check may take
 * @param fall            failed checks in a row before HAProxy marks the server down
 *                        (Marathon's maxConsecutiveFailures + 1, as marathon-lb)
 */
public record HttpCheck(String path, int intervalSeconds, int timeoutSeconds, int fall) {

    public HttpCheck {
        path = path == null || path.isBlank() ? "/" : path;
        if (intervalSeconds < 1 || timeoutSeconds < 1 || fall < 1) {
            throw new IllegalArgumentException("interval, timeout and fall must be positive");
        }
    }
}
