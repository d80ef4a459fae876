package io.mpaas.protocol.gateway;

import java.util.Objects;

/**
 * A virtual host (and optionally a path prefix) routed to a backend on the shared HTTP frontend
 * (port 80), and on the HTTPS frontend (443) when a certificate is given.
 *
 * @param path            {@code HAPROXY_{n}_PATH}: a path prefix ({@code path_beg}), or null for all paths
 * @param weight          {@code HAPROXY_{n}_BACKEND_WEIGHT}: routes with higher weight are matched first
 * @param redirectToHttps {@code HAPROXY_{n}_REDIRECT_TO_HTTPS}: plain HTTP requests get a 301 to https
 * @param sslCert         {@code HAPROXY_{n}_SSL_CERT}: the PEM served for this host on 443, or null
 */
public record VhostRoute(String host, String path, String backend, String appId, int portIndex, int weight,
        boolean redirectToHttps, String sslCert) {

    public VhostRoute {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(backend, "backend");
        path = path == null || path.isBlank() ? null : path;
    }
}
