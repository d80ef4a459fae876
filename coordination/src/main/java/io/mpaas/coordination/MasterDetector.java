package io.mpaas.coordination;

import java.io.Closeable;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.mpaas.protocol.mesos.MasterInfo;
import io.mpaas.protocol.mesos.client.MasterLocator;
import io.mpaas.protocol.mesos.MesosJson;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.WatcherRemoveCuratorFramework;
import org.apache.curator.framework.api.CuratorWatcher;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.apache.curator.utils.PathUtils;
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
 * <p>It watches the children with one-shot ZooKeeper watches, re-armed on every read, and reads again after
 * every reconnect, since watches may have fired unseen while disconnected. While the connection is merely
 * {@code SUSPENDED} it keeps reporting the last leader it saw (most likely still right, and clients redirect
 * anyway); once the session is {@code LOST} it reports no leader until it can read again, as Mesos agents
 * ignore masters while they cannot see ZooKeeper. A read that fails without a connection event is retried after
 * {@link #RETRY_DELAY}.
 *
 * <p>All reads and all listener calls happen on one thread of this detector, in order.
 */
public final class MasterDetector implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(MasterDetector.class);

    /**
     * Pause before reading again after a failed read. Connection losses are handled by RECONNECTED; this covers
     * the rest (an operation timeout, an ACL error fixed by an operator) without hammering the ensemble.
     */
    static final Duration RETRY_DELAY = Duration.ofSeconds(1);

    private final CuratorFramework client;
    private final WatcherRemoveCuratorFramework watching;
    private final String groupPath;
    private final ScheduledThreadPoolExecutor thread;
    private final List<LeaderChangeListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean readQueued = new AtomicBoolean();
    private final AtomicBoolean started = new AtomicBoolean();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final CuratorWatcher watcher = event -> requestRead();
    private final ConnectionStateListener connectionListener = this::connectionChanged;

    private volatile Optional<MasterInfo> leader = Optional.empty();
    private volatile boolean closed;

    /**
     * @param client    any started client; not closed by this
     * @param groupPath the Mesos group path, e.g. {@code /mesos}
     */
    public MasterDetector(CuratorFramework client, String groupPath) {
        this.client = Objects.requireNonNull(client, "client");
        this.watching = client.newWatcherRemoveCuratorFramework();
        this.groupPath = PathUtils.validatePath(groupPath);
        this.thread = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().daemon().name("master-detector" + groupPath.replace('/', '-')).factory());
        this.thread.setRejectedExecutionHandler(new ThreadPoolExecutor.DiscardPolicy());
        this.thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Starts watching; the first read happens as soon as the client is connected. */
    public void start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("already started");
        }
        client.getConnectionStateListenable().addListener(connectionListener);
        requestRead();
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
            while (leader.isEmpty() && !closed) {
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
        thread.execute(() -> {
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
        if (closed) {
            return;
        }
        closed = true;
        client.getConnectionStateListenable().removeListener(connectionListener);
        thread.shutdown();
        watching.removeWatchers();
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void connectionChanged(CuratorFramework source, ConnectionState state) {
        switch (state) {
            case CONNECTED, RECONNECTED -> requestRead();
            case LOST -> thread.execute(() -> {
                // A read queued before the loss may have run already and seen the old leader: read again after.
                update(Optional.empty());
                requestRead();
            });
            default -> {
                // SUSPENDED: keep the last leader; READ_ONLY: reads still work.
            }
        }
    }

    /** Queues one read; requests that arrive while one is queued are served by it. */
    private void requestRead() {
        if (!closed && readQueued.compareAndSet(false, true)) {
            thread.execute(this::read);
        }
    }

    // --- everything below runs on the detector's thread ---

    private void read() {
        readQueued.set(false);
        if (closed) {
            return;
        }
        try {
            List<String> children;
            try {
                children = watching.getChildren().usingWatcher(watcher).forPath(groupPath);
            } catch (KeeperException.NoNodeException e) {
                // No group yet (no master has ever run): wait for the path to appear.
                if (watching.checkExists().usingWatcher(watcher).forPath(groupPath) != null) {
                    requestRead();
                }
                update(Optional.empty());
                return;
            }
            update(lowestReadable(children));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("Could not read the leader at {}: {}; retrying in {}", groupPath, e.toString(), RETRY_DELAY);
            thread.schedule(this::requestRead, RETRY_DELAY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private Optional<MasterInfo> lowestReadable(List<String> children) throws Exception {
        for (String child : MesosZkLayout.infoNodesInOrder(children)) {
            String node = ZKPaths.makePath(groupPath, child);
            byte[] data;
            try {
                data = watching.getData().forPath(node);
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
        log.info("Leading master at {}: {}", groupPath, next.map(MasterInfo::hostPort).orElse("none"));
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
