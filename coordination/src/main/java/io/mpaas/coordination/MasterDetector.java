package io.mpaas.coordination;

import io.mpaas.protocol.mesos.MasterInfo;
import io.mpaas.protocol.mesos.MesosJson;
import io.mpaas.protocol.mesos.client.MasterLocator;
import java.io.Closeable;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the leading master the way every Mesos client does: list the children of the group path, take the
 * lowest {@code json.info_<seq>} node, read its MasterInfo JSON. Scheduler clients, agents and standby masters
 * use it to know where to connect or redirect; it works against real Mesos masters as well as ours.
 *
 * <p>Other children (our {@code leader-latch}, Mesos's {@code log_replicas}, the protobuf {@code info_} nodes of
 * old Mesos versions) are ignored. A node whose data is not a usable MasterInfo (not JSON, or without the
 * fields Mesos requires: id, ip, port) is logged and skipped, and the next lowest is taken, so one bad writer
 * cannot hide the leader.
 *
 * <p>The group is followed by a {@link ChildrenWatch}: re-read on every change and reconnect; while the
 * connection is merely {@code SUSPENDED} the last leader stands (most likely still right, and clients redirect
 * anyway); once the session is {@code LOST} there is no leader until a read works again, as Mesos agents
 * ignore masters while they cannot see ZooKeeper.
 *
 * <p>All reads and all listener calls happen on one thread of this detector, in order.
 */
public final class MasterDetector implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(MasterDetector.class);

    private final ChildrenWatch<MasterInfo> watch;
    private final List<LeaderChangeListener> listeners = new CopyOnWriteArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    private volatile Optional<MasterInfo> leader = Optional.empty();

    /**
     * @param client    any started client; not closed by this
     * @param groupPath the Mesos group path, e.g. {@code /mesos}
     */
    public MasterDetector(CuratorFramework client, String groupPath) {
        this.watch = new ChildrenWatch<>(client, groupPath, "master-detector", this::lowestReadable, this::update);
    }

    /** Starts watching; the first read happens as soon as the client is connected. */
    public void start() {
        watch.start();
    }

    /** The leader as last read, or empty if there is none or it is not known yet. Never blocks. */
    public Optional<MasterInfo> leader() {
        return leader;
    }

    /**
     * A locator for the scheduler client or the agent link that follows this detector; after a
     * failover, clients go to the new leader after a random delay of up to {@code spread}
     * ({@link MasterLocator#FRAMEWORK_SPREAD} for frameworks, {@link MasterLocator#AGENT_SPREAD} for agents).
     */
    public MasterLocator locator(Duration spread) {
        return MasterLocator.detectedBy(() -> leader().map(MasterLocator::baseUri), spread);
    }

    /**
     * Waits until a leader is known, for at most {@code timeout}: for callers that cannot do anything useful
     * without one (an agent registering, a scheduler subscribing).
     *
     * @return the leader, or empty if none appeared in time or the detector was closed
     */
    public Optional<MasterInfo> awaitLeader(Duration timeout) throws InterruptedException {
        long remaining = timeout.toNanos();
        lock.lock();
        try {
            while (leader.isEmpty() && !watch.isClosed()) {
                if (remaining <= 0) {
                    return Optional.empty();
                }
                remaining = changed.awaitNanos(remaining);
            }
            return leader;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Adds a listener. It is called on the detector's thread, first with the current view (so no change between
     * {@link #leader()} and registration is missed), then on every change.
     */
    public void addListener(LeaderChangeListener listener) {
        Objects.requireNonNull(listener, "listener");
        watch.execute(() -> {
            listeners.add(listener);
            tell(listener, leader);
        });
    }

    public void removeListener(LeaderChangeListener listener) {
        listeners.remove(listener);
    }

    /** Stops watching; waiters in {@link #awaitLeader} return empty. Idempotent. */
    @Override
    public void close() {
        watch.close();
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    // --- runs on the watch's thread ---

    private Optional<MasterInfo> lowestReadable(CuratorFramework zk, List<String> children) throws Exception {
        for (String child : MesosZkLayout.infoNodesInOrder(children)) {
            String node = ZKPaths.makePath(watch.path(), child);
            byte[] data;
            try {
                data = zk.getData().forPath(node);
            } catch (KeeperException.NoNodeException gone) {
                continue; // deleted since the listing; the children watch brings the next read
            }
            Optional<MasterInfo> info = parse(node, data);
            if (info.isPresent()) {
                return info;
            }
        }
        return Optional.empty();
    }

    private static Optional<MasterInfo> parse(String node, byte[] data) {
        try {
            MasterInfo info = MesosJson.read(data == null ? new byte[0] : data, MasterInfo.class);
            if (info == null || info.id() == null || info.ip() == null || info.port() == null) {
                log.warn("Skipping {}: MasterInfo lacks a required field (id, ip, port)", node);
                return Optional.empty();
            }
            return Optional.of(info);
        } catch (IllegalArgumentException e) {
            log.warn("Skipping {}: not MasterInfo JSON ({})", node, e.getMessage());
            return Optional.empty();
        }
    }

    private void update(Optional<MasterInfo> next) {
        lock.lock();
        try {
            if (next.equals(leader)) {
                return;
            }
            leader = next;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        log.info("Leading master at {}: {}", watch.path(), next.map(MasterInfo::hostPort).orElse("none"));
        for (LeaderChangeListener listener : listeners) {
            tell(listener, next);
        }
    }

    private void tell(LeaderChangeListener listener, Optional<MasterInfo> current) {
        try {
            listener.onLeaderChanged(current);
        } catch (RuntimeException e) {
            log.error("A leader change listener failed", e);
        }
    }
}
