package io.mpaas.marathon.health;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * The production {@link HealthCheckProbe}: HTTP and HTTPS through {@link HttpProbe}, TCP as a bare
 * connect that is closed at once (nothing is sent, so the task sees only a connection opening and
 * closing, as with Marathon's TCP checks).
 */
public final class SocketProbe implements HealthCheckProbe {

    private final HttpProbe http = new HttpProbe(0);

    @Override
    public Outcome probe(MarathonHealthCheck check, String host, int port) {
        return switch (check.protocol()) {
            case HTTP -> http.check(false, host, port, check.path(), check.timeout(), check.ignoreHttp1xx());
            case HTTPS -> http.check(true, host, port, check.path(), check.timeout(), check.ignoreHttp1xx());
            case TCP -> connect(host, port, check);
        };
    }

    private static Outcome connect(String host, int port, MarathonHealthCheck check) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) Math.min(Integer.MAX_VALUE, check.timeout().toMillis()));
            return Outcome.HEALTHY;
        } catch (IOException e) {
            return Outcome.failed(e, host, check.timeout());
        }
    }
}
