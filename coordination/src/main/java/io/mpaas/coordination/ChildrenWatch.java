package io.mpaas.coordination;

import java.io.Closeable;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.WatcherRemoveCuratorFramework;
import org.apache.curator.framework.api.CuratorWatcher;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.apache.curator.utils.PathUtils;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows who leads a group of ZooKeeper nodes (Mesos's {@code json.info_} nodes, a Curator latch):
 * lists the children of one path with a one-shot watch, re-armed on every read, derives the leader
 * from them and hands it to a sink whenever it is read, always on this watch's one thread.
 *
 * <p>It reads again after every reconnect, since watches may have fired unseen while disconnected.
 * While the connection is merely {@code SUSPENDED} the last leader stands (most likely still right);
 * once the session is {@code LOST} the sink gets "none" until a read works again. A read that fails
 * without a connection event is retried after {@link #RETRY_DELAY}. Before the path exists the sink
 * gets "none" and the watch waits for the path to appear.
 */
final class ChildrenWatch<T> implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(ChildrenWatch.class);

    /**
     * Pause before reading again after a failed read. Connection losses are handled by RECONNECTED; this covers
     * the rest (an operation timeout, an ACL error fixed by an operator) without hammering the ensemble.
     */
    static final Duration RETRY_DELAY = Duration.ofSeconds(1);

    /** Derives the leader from the children listed (data reads through {@code zk} leave no watch behind). */
    @FunctionalInterface
    interface Leader<T> {
        Optional<T> of(CuratorFramework zk, List<String> children) throws Exception;
    }

    private final CuratorFramework client;
    private final WatcherRemoveCuratorFramework watching;
    private final String path;
    private final Leader<T> leader;
    private final Consumer<Optional<T>> sink;
    private final ScheduledThreadPoolExecutor thread;
    private final AtomicBoolean readQueued = new AtomicBoolean();
    private final AtomicBoolean started = new AtomicBoolean();
    private final CuratorWatcher watcher = event -> requestRead();
    private final ConnectionStateListener connectionListener = this::connectionChanged;
    private volatile boolean closed;

    /**
     * @param client     any started client; not closed by this
     * @param threadName prefix of the thread's name; the path is added
     * @param sink       gets every leader read (unchanged ones too), on this watch's thread
     */
    ChildrenWatch(CuratorFramework client, String path, String threadName, Leader<T> leader,
            Consumer<Optional<T>> sink) {
        this.client = Objects.requireNonNull(client, "client");
        this.watching = client.newWatcherRemoveCuratorFramework();
        this.path = PathUtils.validatePath(path);
        this.leader = Objects.requireNonNull(leader, "leader");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.thread = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().daemon().name(threadName + path.replace('/', '-')).factory());
        this.thread.setRejectedExecutionHandler(new ThreadPoolExecutor.DiscardPolicy());
        this.thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Starts watching; the first read happens as soon as the client is connected. */
    void start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("already started");
        }
        client.getConnectionStateListenable().addListener(connectionListener);
        requestRead();
    }

    /** Runs {@code task} on this watch's thread, in order with the sink's calls. */
    void execute(Runnable task) {
        thread.execute(task);
    }

    String path() {
        return path;
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

    boolean isClosed() {
        return closed;
    }

    private void connectionChanged(CuratorFramework source, ConnectionState state) {
        switch (state) {
            case CONNECTED, RECONNECTED -> requestRead();
            case LOST -> thread.execute(() -> {
                // A read queued before the loss may have run already and seen the old leader: read again after.
                sink.accept(Optional.empty());
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

    // --- runs on the watch's thread ---

    private void read() {
        readQueued.set(false);
        if (closed) {
            return;
        }
        try {
            List<String> children;
            try {
                children = watching.getChildren().usingWatcher(watcher).forPath(path);
            } catch (KeeperException.NoNodeException e) {
                // Nobody has joined yet: wait for the path to appear.
                if (watching.checkExists().usingWatcher(watcher).forPath(path) != null) {
                    requestRead();
                }
                sink.accept(Optional.empty());
                return;
            }
            sink.accept(leader.of(watching, children));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("Could not read the leader at {}: {}; retrying in {}", path, e.toString(), RETRY_DELAY);
            thread.schedule(this::requestRead, RETRY_DELAY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
