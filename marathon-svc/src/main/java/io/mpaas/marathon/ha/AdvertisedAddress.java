package io.mpaas.marathon.ha;

import java.util.Objects;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Where the other instances reach this one: the advertised host name and the HTTP port. {@code host:port} is this
 * instance's participant id in the election, what {@code /v2/leader} shows and where standbys forward requests.
 * The port is the configured {@code server.port} until the web server reports the one it really bound (which
 * differs with {@code server.port=0}); elections start only after that.
 */
public final class AdvertisedAddress implements ApplicationListener<WebServerInitializedEvent> {

    private final String hostname;
    private volatile int port;

    public AdvertisedAddress(String hostname, int port) {
        this.hostname = Objects.requireNonNull(hostname, "hostname");
        this.port = port;
    }

    /** Takes the port the main web server bound (not the management server's, which has a namespace). */
    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if (event.getApplicationContext().getServerNamespace() == null) {
            port = event.getWebServer().getPort();
        }
    }

    public String hostname() {
        return hostname;
    }

    public int port() {
        return port;
    }

    /** {@code host:port}, Marathon's form of an instance's address. */
    public String hostPort() {
        return hostname + ":" + port;
    }
}
