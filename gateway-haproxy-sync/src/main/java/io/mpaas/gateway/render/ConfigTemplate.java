package io.mpaas.gateway.render;

/**
 * The named pieces HAProxy's configuration is assembled from, in the order they are written. Each has a
 * built-in text on the classpath ({@code templates/<NAME>.tmpl}) that an operator may replace with a
 * file of the same name in {@link RenderSettings#templatesDir()}. The placeholders each one may use are
 * listed per constant; a {@code ...Directive} placeholder holds a whole directive or nothing, so put it
 * alone on its line (see {@link Template} for the rules).
 */
public enum ConfigTemplate {
    /** {@code global} and {@code defaults}: maxconn, hardStopAfter, adminSocket, serverStateFileDirective, loadServerStateDirective. */
    HAPROXY_HEAD,
    /** {@code listen stats}: statsBind, statsPort, statsAuthDirective. */
    HAPROXY_STATS,
    /** Opens {@code frontend marathon_http_in}, written when there is a virtual-host route: bindAddress, httpPort. */
    HAPROXY_HTTP_FRONTEND_HEAD,
    /** One host's ACL on the HTTP frontend (Host header, port stripped): aclName, host. */
    HAPROXY_HTTP_FRONTEND_ACL,
    /** One path prefix's ACL, on the HTTP and the HTTPS frontend: aclName, path. */
    HAPROXY_PATH_ACL,
    /** A route's 301 to https on the HTTP frontend: backend, condition (the route's ACL names). */
    HAPROXY_HTTP_FRONTEND_REDIRECT,
    /** A route's {@code use_backend} on the HTTP frontend: backend, condition. */
    HAPROXY_HTTP_FRONTEND_ROUTE,
    /** Opens {@code frontend marathon_https_in}: bindAddress, httpsPort, certs ({@code crt <pem>} per certificate). */
    HAPROXY_HTTPS_FRONTEND_HEAD,
    /** One host's SNI ACL on the HTTPS frontend: aclName, host. */
    HAPROXY_HTTPS_FRONTEND_ACL,
    /** A route's {@code use_backend} on the HTTPS frontend: backend, condition. */
    HAPROXY_HTTPS_FRONTEND_ROUTE,
    /** A frontend on one app port's service port: name, bindAddress, port, sslOptions (empty or {@code " ssl crt <pem>"}), mode, backend, appId. */
    HAPROXY_FRONTEND_HEAD,
    /** Opens a backend: name, balance, mode, appId. */
    HAPROXY_BACKEND_HEAD,
    /** HTTP-mode backends only: request headers telling servers who the client is; no placeholders. */
    HAPROXY_BACKEND_HTTP_OPTIONS,
    /** Sticky HTTP-mode backends: the {@code mesosphere_server_id} cookie; no placeholders. */
    HAPROXY_BACKEND_STICKY,
    /** Backends with an HTTP check: path, timeoutSeconds. */
    HAPROXY_BACKEND_HTTP_HEALTHCHECK,
    /** One server slot: name, address, weight, options (leading-blank list: cookie, check, disabled). */
    HAPROXY_BACKEND_SERVER;

    /** The template's file name, on the classpath and in the overrides directory. */
    public String fileName() {
        return name() + ".tmpl";
    }
}
