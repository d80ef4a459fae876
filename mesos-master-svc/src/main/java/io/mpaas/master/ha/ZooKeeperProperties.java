package io.mpaas.master.ha;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * High availability ({@code mesos.master.zk*}), named as Mesos's flags.
 *
 * @param zk {@code zk://[user:pass@]host:port[,host:port]/path}; blank means standalone (always leader)
 * @param zkSessionTimeout how long ZooKeeper waits for a silent master before another may lead (Mesos: 10 s).
 *     Shorter fails over faster but risks needless failovers on a GC pause or a network blip.
 * @param zkConnectionTimeout how long to wait for the first connection to the ensemble
 * @param standbyRefreshInterval how often a standby brings its copy of the registry up to date (only the
 *     agents that changed are read), so that an election reads only what changed since; also keeps the
 *     recovery path compiled
 */
@ConfigurationProperties("mesos.master")
public record ZooKeeperProperties(
        String zk,
        @DefaultValue("10s") Duration zkSessionTimeout,
        @DefaultValue("15s") Duration zkConnectionTimeout,
        @DefaultValue("5s") Duration standbyRefreshInterval) {
}
