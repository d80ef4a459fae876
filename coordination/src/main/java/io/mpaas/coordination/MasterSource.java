package io.mpaas.coordination;

import io.mpaas.protocol.mesos.client.MasterLocator;
import java.io.Closeable;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import org.apache.curator.framework.CuratorFramework;

/**
 * Where a client of the master (an agent, a framework) looks for the leading master, from the one
 * setting operators give it: {@code http://host:5050} (comma-separated for several, tried in turn;
 * a bare {@code host:port} means http) or {@code zk://host:2181/mesos}, Mesos's ZooKeeper layout,
 * followed as the leader changes. Owns the ZooKeeper client it opens; {@link #close()} ends it.
 */
public final class MasterSource implements Closeable {

    private final MasterLocator locator;
    private final CuratorFramework curator;
    private final MasterDetector detector;

    private MasterSource(MasterLocator locator, CuratorFramework curator, MasterDetector detector) {
        this.locator = locator;
        this.curator = curator;
        this.detector = detector;
    }

    /**
     * Opens the source for {@code url}; for ZooKeeper it connects and starts watching at once.
     *
     * @param spread how long a client waits, at random, before going to a newly detected leader
     *               ({@link MasterLocator#FRAMEWORK_SPREAD}, {@link MasterLocator#AGENT_SPREAD})
     */
    public static MasterSource open(String url, Duration spread) {
        String trimmed = Objects.requireNonNull(url, "url").trim();
        if (trimmed.startsWith("zk://")) {
            ZkUrl zk = ZkUrl.parse(trimmed);
            CuratorFramework curator = CuratorClientFactory.start(zk);
            MasterDetector detector = new MasterDetector(curator, zk.path());
            detector.start();
            return new MasterSource(detector.locator(spread), curator, detector);
        }
        return new MasterSource(MasterLocator.of(Arrays.stream(trimmed.split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).map(s -> URI.create(s.contains("://") ? s : "http://" + s)).toList()),
                null, null);
    }

    public MasterLocator locator() {
        return locator;
    }

    @Override
    public void close() {
        if (detector != null) {
            detector.close();
        }
        if (curator != null) {
            curator.close();
        }
    }
}
