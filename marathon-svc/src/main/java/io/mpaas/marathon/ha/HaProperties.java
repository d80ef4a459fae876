package io.mpaas.marathon.ha;

import io.mpaas.coordination.ZkUrl;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * High availability ({@code marathon.*}), named after Marathon's flags so operators recognise them.
 *
 * @param hostname            the host this instance advertises to the other instances (its election participant
 *                            id is {@code hostname:port}, and standbys forward requests there); blank means the
 *                            local host name, as Marathon's {@code --hostname}. Must be reachable from the peers.
 * @param zk                  {@code zk://[user:pass@]host:port[,host:port]/path}, e.g. {@code zk://h1:2181/marathon};
 *                            blank runs standalone (always the leader). Validated at start-up, so a typo fails the
 *                            boot instead of silently running without HA.
 * @param zkSessionTimeout    how long ZooKeeper waits for a silent leader before another may lead (Marathon's
 *                            {@code --zk_session_timeout}, 10 s): shorter fails over faster but turns a GC pause or a
 *                            network blip into a failover.
 * @param zkConnectionTimeout how long one ZooKeeper operation waits for a connection (Marathon's
 *                            {@code --zk_connection_timeout}, 10 s) before it counts as failed
 */
@ConfigurationProperties("marathon")
public record HaProperties(
        String hostname,
        String zk,
        @DefaultValue("10s") Duration zkSessionTimeout,
        @DefaultValue("10s") Duration zkConnectionTimeout) {

    public HaProperties {
        zkUrl(zk); // fails on a malformed URL, naming what is wrong
    }

    /** The ensemble and path to elect on; empty when standalone. */
    public Optional<ZkUrl> zkUrl() {
        return zkUrl(zk);
    }

    /** {@link #hostname()}, or this machine's name when none is configured. */
    public String advertisedHostname() {
        if (hostname != null && !hostname.isBlank()) {
            return hostname.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return InetAddress.getLoopbackAddress().getHostName();
        }
    }

    private static Optional<ZkUrl> zkUrl(String zk) {
        return zk == null || zk.isBlank() ? Optional.empty() : Optional.of(ZkUrl.parse(zk));
    }
}
