package io.mpaas.master.ha;

import io.mpaas.coordination.CuratorClientFactory;
import io.mpaas.coordination.LeaderElector;
import io.mpaas.coordination.LeadershipListener;
import io.mpaas.coordination.MasterDetector;
import io.mpaas.coordination.ZkUrl;
import io.mpaas.coordination.discovery.LeaderFlag;
import io.mpaas.protocol.mesos.MasterInfo;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.framework.CuratorFramework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Leadership through ZooKeeper: this master runs in the election on {@code mesos.master.zk}; while
 * it leads, it publishes its MasterInfo in Mesos's layout (so Mesos-aware tools find it) and runs
 * a term; when it loses leadership, the term ends at once. Standbys find the leader with the
 * detector, to redirect clients to it.
 */
@Component
@ConditionalOnExpression("!'${mesos.master.zk:}'.isBlank()")
public class ZooKeeperLeadership implements SmartLifecycle, LeaderLocator {

    private static final Logger log = LoggerFactory.getLogger(ZooKeeperLeadership.class);

    /**
     * How old a standby's last full read of the registry may get before it reads everything again
     * instead of only the changed agents: a safety net for a row changed by hand without its
     * version, at the cost of one full read (about a second at ten thousand agents) per period.
     */
    static final Duration FULL_READ_AFTER = Duration.ofMinutes(10);

    private final MasterTerm term;
    private final MasterIdentity identity;
    private final ZooKeeperProperties properties;
    private final LeaderFlag discovery;
    private final StandbyWarmUp warmUp;
    /** Written and read on the refresh thread only. */
    private boolean warmedUp;
    private final AtomicReference<MasterInfo> nextTerm = new AtomicReference<>();
    private CuratorFramework client;
    private MasterDetector detector;
    private LeaderElector elector;
    private ScheduledExecutorService refresher;

    public ZooKeeperLeadership(MasterTerm term, MasterIdentity identity, ZooKeeperProperties properties,
            LeaderFlag discovery, StandbyWarmUp warmUp) {
        this.term = term;
        this.identity = identity;
        this.properties = properties;
        this.discovery = discovery;
        this.warmUp = warmUp;
    }

    /** Joins the election once the web server is up (the last lifecycle phase: the port is known). */
    @Override
    public synchronized void start() {
        if (client != null) {
            return;
        }
        ZkUrl url = ZkUrl.parse(properties.zk());
        client = CuratorClientFactory.start(url, properties.zkSessionTimeout(), properties.zkConnectionTimeout());
        detector = new MasterDetector(client, url.path());
        detector.start();
        String candidate = identity.hostname() + ":" + identity.port();
        elector = new LeaderElector(client, url.path(), candidate, this::termInfo, new LeadershipListener() {
            @Override
            public void onElected() {
                term.begin(nextTerm.get());
                discovery.leading(true);
            }

            @Override
            public void onRevoked() {
                discovery.leading(false);
                term.end();
            }
        });
        elector.start();
        log.info("Joined the leader election at {}", url);
        // A platform thread: an election waits for a refresh under way, and a virtual thread would queue
        // behind the thousands of agent requests that arrive with the election.
        refresher = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("standby-refresh").daemon()
                .factory());
        refresher.scheduleWithFixedDelay(this::refreshWhileStandby, 0,
                properties.standbyRefreshInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * A standby keeps its copy of the registry current, so that an election reads only what
     * changed (milliseconds, not the second it took to read and parse ten thousand agents) and
     * finds the recovery path warm (loaded, compiled, connections open).
     */
    private void refreshWhileStandby() {
        if (!isStandby()) {
            return;
        }
        term.refreshWhileStandby(FULL_READ_AFTER);
        if (!warmedUp) {
            warmedUp = true;
            long start = System.nanoTime();
            StandbyWarmUp.Result result = warmUp.run(new InetSocketAddress(identity.ip(), identity.port()),
                    StandbyWarmUp.ROUNDS, StandbyWarmUp.REQUESTS, this::isStandby);
            log.info("Warmed up the re-registration path for an election: {} rounds, {} calls to itself ({} answered"
                    + " 307) in {} ms", result.rounds(), result.requests(), result.redirected(),
                    (System.nanoTime() - start) / 1_000_000);
        }
    }

    private boolean isStandby() {
        LeaderElector e = elector;
        return e != null && !e.isLeader();
    }

    /** The MasterInfo of the coming term: published in ZooKeeper and then used by the term itself. */
    private MasterInfo termInfo() {
        MasterInfo info = identity.newTermInfo();
        nextTerm.set(info);
        return info;
    }

    @Override
    public Optional<MasterInfo> leader() {
        MasterDetector d = detector;
        return d == null ? Optional.empty() : d.leader();
    }

    /**
     * Leaves the election first at shutdown: a leader's term ends (streams closed, node withdrawn)
     * and the next candidate is elected at once instead of after a session timeout.
     */
    @Override
    public synchronized void stop() {
        try {
            if (refresher != null) {
                refresher.shutdownNow();
            }
            if (elector != null) {
                elector.close();
            }
            if (detector != null) {
                detector.close();
            }
        } catch (Exception e) {
            log.warn("Leaving the election failed", e);
        } finally {
            if (client != null) {
                client.close();
            }
            elector = null;
            refresher = null;
            detector = null;
            client = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return client != null;
    }
}
