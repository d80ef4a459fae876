package io.mpaas.gateway;

import io.mpaas.gateway.haproxy.HaproxyProcess;
import io.mpaas.gateway.haproxy.HaproxySettings;
import io.mpaas.gateway.haproxy.ReloadResult;
import io.mpaas.gateway.haproxy.Reloader;
import io.mpaas.gateway.marathon.MarathonFeed;
import io.mpaas.gateway.sync.GatewaySync;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Starts the gateway in the one order that works: a first configuration (routing nothing yet) on disk, then a
 * managed HAProxy on it (in attached mode, the running one is only waited for), then the sync, and last the
 * marathon feed, whose first full read becomes the first real configuration. Stops in reverse, HAProxy last,
 * so nothing is left listening. A managed HAProxy that a killed gateway left running is adopted and reloaded onto
 * the first configuration, so it keeps its connections and serves what the files say.
 */
@Component
class GatewayLifecycle implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GatewayLifecycle.class);

    private final HaproxySettings settings;
    private final HaproxyProcess haproxy;
    private final Reloader reloader;
    private final GatewaySync sync;
    private final MarathonFeed feed;
    private volatile boolean running;

    GatewayLifecycle(HaproxySettings settings, HaproxyProcess haproxy, Reloader reloader, GatewaySync sync,
            MarathonFeed feed) {
        this.settings = settings;
        this.haproxy = haproxy;
        this.reloader = reloader;
        this.sync = sync;
        this.feed = feed;
    }

    @Override
    public void start() {
        if (settings.mode() == HaproxySettings.Mode.MANAGED) {
            try {
                Files.createDirectories(settings.runDir());
                Files.createDirectories(settings.configPath().toAbsolutePath().getParent());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + settings.runDir(), e);
            }
            sync.writeInitialConfig();
        }
        if (haproxy.start() == HaproxyProcess.Start.ADOPTED) {
            ReloadResult reload = reloader.reload();
            if (!reload.ok()) {
                // Left running as it was (serving its last config) rather than cutting its traffic.
                throw new IllegalStateException("the adopted HAProxy did not take the first configuration: "
                        + reload.message());
            }
        }
        log.info("HAProxy is up ({} mode, config {}); following marathon", settings.mode(), settings.configPath());
        sync.start();
        feed.start();
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        feed.stop();
        sync.stop();
        haproxy.stop();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
