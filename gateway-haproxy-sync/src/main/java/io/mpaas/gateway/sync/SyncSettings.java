package io.mpaas.gateway.sync;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the sync paces HAProxy.
 *
 * @param minReloadInterval reloads come at most this often: changes that need one meanwhile are
 *                          coalesced into the next (server changes never wait: they need no reload)
 * @param reloadRetry       after a reload that was not confirmed, how long before trying again
 */
@ConfigurationProperties("gateway.sync")
public record SyncSettings(Duration minReloadInterval, Duration reloadRetry) {

    public SyncSettings {
        minReloadInterval = minReloadInterval == null ? Duration.ofSeconds(1) : minReloadInterval;
        reloadRetry = reloadRetry == null ? Duration.ofSeconds(5) : reloadRetry;
    }
}
