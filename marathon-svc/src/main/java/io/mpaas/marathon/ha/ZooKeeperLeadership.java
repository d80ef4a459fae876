package io.mpaas.marathon.ha;

import io.mpaas.coordination.CuratorClientFactory;
import io.mpaas.coordination.LatchLeaderDetector;
import io.mpaas.coordination.LeaderElector;
import io.mpaas.coordination.LeadershipListener;
import io.mpaas.coordination.ZkUrl;
import io.mpaas.coordination.discovery.LeaderFlag;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Leadership through ZooKeeper, in Marathon's layout: a Curator {@code LeaderLatch} under
 * {@code <zk path>/leader-curator} with {@code host:port} as the participant id, so Marathon's tools and a mixed
 * fleet read the same leader. Standbys learn the leader from the latch's first participant.
 *
 * <p>Losing leadership, including losing the ZooKeeper connection (leadership is dropped already when the
 * connection is suspended, before another instance can be elected), stops the leader work at once; the instance
 * then stays in the election and is elected again when it is next in line. Marathon instead exits and relies on
 * its supervisor to restart it ("let it crash"); staying up keeps the standby's API, proxying and warm caches
 * without depending on a supervisor, while {@link Leadership#isLeader()} turning false at the instant of the loss
 * gives the same guarantee that a deposed leader stops writing.
 */
final class ZooKeeperLeadership implements Leadership, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ZooKeeperLeadership.class);

    /** Marathon's (1.6+) latch node under its ZooKeeper path. */
    static final String LATCH_CHILD = "leader-curator";

    private final HaProperties properties;
    private final AdvertisedAddress address;
    private final LeaderTerm term;
    private final LeaderFlag discovery;
    private CuratorFramework client;
    private LatchLeaderDetector detector;
    private volatile LeaderElector elector;

    ZooKeeperLeadership(HaProperties properties, AdvertisedAddress address, LeaderTerm term, LeaderFlag discovery) {
        this.properties = properties;
        this.address = address;
        this.term = term;
        this.discovery = discovery;
        if (properties.zkUrl().isEmpty()) {
            throw new IllegalArgumentException("marathon.zk is not set");
        }
    }

    /** Joins the election once the web server is up: the participant id needs the port it bound. */
    @Override
    public synchronized void start() {
        if (client != null) {
            return;
        }
        ZkUrl url = properties.zkUrl().orElseThrow();
        String latchPath = ZKPaths.makePath(url.path(), LATCH_CHILD);
        client = CuratorClientFactory.start(url, properties.zkSessionTimeout(), properties.zkConnectionTimeout());
        detector = new LatchLeaderDetector(client, latchPath);
        detector.start();
        elector = LeaderElector.onLatch(client, latchPath, self(), new LeadershipListener() {
            @Override
            public void onElected() {
                term.begin();
                discovery.leading(true);
            }

            @Override
            public void onRevoked() {
                discovery.leading(false);
                term.end();
            }
        });
        elector.start();
        log.info("{} joined the leader election at {}{}", self(), url, "/" + LATCH_CHILD);
    }

    /**
     * Leaves the election first at shutdown: a leader's work stops and the next candidate is elected at once
     * rather than after the session timeout.
     */
    @Override
    public synchronized void stop() {
        try {
            if (elector != null) {
                elector.close();
            }
            if (detector != null) {
                detector.close();
            }
        } finally {
            if (client != null) {
                client.close();
            }
            elector = null;
            detector = null;
            client = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return client != null;
    }

    /** True from election until the instant leadership is lost or given up (before the work is stopped). */
    @Override
    public boolean isLeader() {
        LeaderElector current = elector;
        return current != null && current.isLeader();
    }

    @Override
    public Optional<String> leaderHostPort() {
        if (isLeader()) {
            return Optional.of(self());
        }
        LatchLeaderDetector current;
        synchronized (this) {
            current = detector;
        }
        return current == null ? Optional.empty() : current.leaderId();
    }

    @Override
    public String self() {
        return address.hostPort();
    }

    /** Steps down so the next in line is elected; this instance re-joins behind it. Returns without waiting. */
    @Override
    public boolean abdicate() {
        LeaderElector current = elector;
        boolean abdicated = current != null && current.abdicate();
        if (abdicated) {
            log.info("{} abdicates", self());
        }
        return abdicated;
    }

    /** The ZooKeeper client, for tests that expire its session. */
    synchronized CuratorFramework client() {
        return client;
    }
}
