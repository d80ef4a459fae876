package io.mpaas.coordination;

import java.io.Closeable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

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
 * Tells who leads an election held on a bare Curator {@code LeaderLatch} ({@link LeaderElector#onLatch}): the
 * participant id stored in the latch node with the lowest sequence, which is the node the latch elects. This is
 * how Marathon's standbys find the leader under {@code <zk path>/leader-curator}.
 *
 * <p>Curator's own {@code LeaderLatch.getLeader()} asks ZooKeeper twice on every call; a standby proxies every
 * request to the leader, so this detector keeps the answer and re-reads only when the latch's children change
 * (one-shot watches, re-armed on every read) or the connection comes back. Like {@link MasterDetector} it keeps
 * the last leader while merely {@code SUSPENDED} and reports none once the session is {@code LOST}, until it
 * can read again.
 *
 * <p>The lowest node's owner may not have heard of its election yet, or may just be stepping down: callers that
 * find their own id here while they do not lead should ask again shortly rather than act on it.
 */
public final class LatchLeaderDetector implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(LatchLeaderDetector.class);

    /** Pause before reading again after a failed read that no connection event will follow. */
    static final Duration RETRY_DELAY = Duration.ofSeconds(1);

    /** The marker Curator's latch puts before the sequence in each node name ({@code _c_<uuid>-latch-<seq>}). */
    static final String LATCH_NODE_MARKER = "latch-";

    private final WatcherRemoveCuratorFramework watching;
    private final CuratorFramework client;
    private final String latchPath;
    private final ScheduledThreadPoolExecutor thread;
    private final AtomicBoolean readQueued = new AtomicBoolean();
    private final AtomicBoolean started = new AtomicBoolean();
    private final CuratorWatcher watcher = event -> requestRead();
    private final ConnectionStateListener connectionListener = this::connectionChanged;

    private volatile Optional<String> leader = Optional.empty();
    private volatile boolean closed;

    /**
     * @param client    any started client; not closed by this
     * @param latchPath the latch's parent node, as given to {@link LeaderElector#onLatch}
     */
    public LatchLeaderDetector(CuratorFramework client, String latchPath) {
        this.client = Objects.requireNonNull(client, "client");
        this.watching = client.newWatcherRemoveCuratorFramework();
        this.latchPath = PathUtils.validatePath(latchPath);
        this.thread = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().daemon().name("latch-detector" + latchPath.replace('/', '-')).factory());
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

    /** The leader's participant id as last read; empty if there is none or it is not known. Never blocks. */
    public Optional<String> leaderId() {
        return leader;
    }

    /** Stops watching. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        client.getConnectionStateListenable().removeListener(connectionListener);
        thread.shutdown();
        watching.removeWatchers();
    }

    /** The sequence part of a latch node's name, which orders the candidates; empty for foreign children. */
    static Optional<String> sequence(String child) {
        int marker = child.lastIndexOf(LATCH_NODE_MARKER);
        return marker < 0 ? Optional.empty() : Optional.of(child.substring(marker + LATCH_NODE_MARKER.length()));
    }

    /** The latch nodes, first in line (the leader) first, as Curator's latch orders them. */
    static List<String> inLine(List<String> children) {
        return children.stream()
                .filter(child -> sequence(child).isPresent())
                .sorted(Comparator.comparing(child -> sequence(child).orElseThrow()))
                .toList();
    }

    private void connectionChanged(CuratorFramework source, ConnectionState state) {
        switch (state) {
            case CONNECTED, RECONNECTED -> requestRead();
            case LOST -> thread.execute(() -> {
                update(Optional.empty());
                requestRead();
            });
            default -> {
                // SUSPENDED: the last leader is most likely still right; READ_ONLY: reads still work.
            }
        }
    }

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
                children = watching.getChildren().usingWatcher(watcher).forPath(latchPath);
            } catch (KeeperException.NoNodeException e) {
                // No candidate has ever joined: wait for the path to appear.
                if (watching.checkExists().usingWatcher(watcher).forPath(latchPath) != null) {
                    requestRead();
                }
                update(Optional.empty());
                return;
            }
            update(firstParticipant(children));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("Could not read the leader at {}: {}; retrying in {}", latchPath, e.toString(), RETRY_DELAY);
            thread.schedule(this::requestRead, RETRY_DELAY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private Optional<String> firstParticipant(List<String> children) throws Exception {
        for (String child : inLine(children)) {
            try {
                byte[] id = watching.getData().forPath(ZKPaths.makePath(latchPath, child));
                return Optional.of(new String(id == null ? new byte[0] : id, StandardCharsets.UTF_8));
            } catch (KeeperException.NoNodeException gone) {
                // Left since the listing (its children watch brings another read); the next in line leads.
            }
        }
        return Optional.empty();
    }

    private void update(Optional<String> next) {
        if (next.equals(leader)) {
            return;
        }
        leader = next;
        log.info("Leader at {}: {}", latchPath, next.orElse("none"));
    }
}
