package io.mpaas.gateway.web;

import io.mpaas.protocol.gateway.ProxyMode;
import io.mpaas.protocol.gateway.ServiceFrontend;
import io.mpaas.protocol.gateway.VhostRoute;

/**
 * How users reach a routed app: {@code http://<public host>:<service port>/} (or {@code tcp://} for a TCP
 * port), and {@code http://<vhost>/} on the shared HTTP frontend ({@code https://} when the route has a
 * certificate and redirects there).
 *
 * @param publicHost the name users reach this gateway's machine by
 */
public record ServiceUrls(String publicHost, int httpPort, int httpsPort) {

    String of(ServiceFrontend frontend) {
        String scheme = frontend.mode() == ProxyMode.TCP ? "tcp" : frontend.sslCert() != null ? "https" : "http";
        String host = "*".equals(frontend.bindAddress()) ? publicHost : frontend.bindAddress();
        return scheme + "://" + host + ":" + frontend.port() + (frontend.mode() == ProxyMode.TCP ? "" : "/");
    }

    String of(VhostRoute vhost) {
        boolean https = vhost.redirectToHttps() && vhost.sslCert() != null;
        int port = https ? httpsPort : httpPort;
        boolean defaultPort = https ? port == 443 : port == 80;
        String path = vhost.path() == null ? "/" : vhost.path();
        return (https ? "https" : "http") + "://" + vhost.host() + (defaultPort ? "" : ":" + port) + path;
    }
}
