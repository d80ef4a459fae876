package io.mpaas.protocol.gateway;

import java.util.Objects;

/**
 * A frontend bound to one app port's service port: every connection to {@code bindAddress:port}
 * goes to {@code backend}.
 *
 * @param name        HAProxy's frontend name, the same as the backend's
 * @param bindAddress {@code HAPROXY_{n}_BIND_ADDR}, default all addresses ({@code *})
 * @param sslCert     {@code HAPROXY_{n}_SSL_CERT}: terminate TLS on this port with that PEM, or null
 */
public record ServiceFrontend(String name, String appId, int portIndex, String bindAddress, int port,
        ProxyMode mode, String sslCert, String backend) {

    public ServiceFrontend {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(mode, "mode");
        bindAddress = bindAddress == null || bindAddress.isBlank() ? "*" : bindAddress;
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not 1-65535");
        }
    }
}
