package io.mpaas.gateway.marathon;

import io.mpaas.protocol.marathon.AppInfo;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Queue;
import java.util.SequencedSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feed's one worker: reads back from marathon what events marked as changed and tells the listener, so that
 * every listener call comes from this thread, in the order the reads were made.
 *
 * <p>Coalescing: an app is marked at most once. A mark taken for a read is removed before the read starts, so
 * events that arrive during the read mark it again and cause exactly one more read afterwards, however many they
 * are. A full read clears every mark made before it starts (it covers them) and comes before any app read. The
 * worker waits on a condition, so a mark wakes it at once: no polling on the event path.
 *
 * <p>Work belongs to a {@link Session} (one open event stream). Marks from an older session are dropped, and a
 * new session starts with a full read, which is what makes dropping them safe.
 */
final class AppRefresher implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(AppRefresher.class);

    /**
     * How long the first full read of a session waits for marathon's {@code event_stream_attached}, which proves
     * the stream is subscribed: a full read made before that could miss a change whose event was published
     * between the response headers and the subscription. A marathon that does not send it costs this delay once
     * per connect.
     */
    static final Duration ATTACH_WAIT = Duration.ofSeconds(1);

    /**
     * One connected event stream.
     *
     * @param url      the configured URL it was found through
     * @param leader   the marathon that serves it
     * @param attached counted down when the stream delivers its first event
     */
    record Session(URI url, URI leader, CountDownLatch attached) {
        Session(URI url, URI leader) {
            this(url, leader, new CountDownLatch(1));
        }
    }

    private sealed interface Work {
    }

    private record Disconnect(String reason) implements Work {
    }

    private record ReadAll(Session session) implements Work {
    }

    private record ReadApp(Session session, String appId) implements Work {
    }

    private final MarathonClient client;
    private final ClusterListener listener;
    private final MarathonSettings settings;
    private final Clock clock;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final SequencedSet<String> dirty = new LinkedHashSet<>();
    private final Queue<String> disconnects = new ArrayDeque<>();
    private Session session;
    private boolean readAllWanted;
    private Instant retryAt;
    private int failures;
    private volatile Instant lastSnapshotAt;
    private volatile long snapshots;
    private volatile long appReads;
    private volatile int unreadableApps;

    AppRefresher(MarathonClient client, ClusterListener listener, MarathonSettings settings, Clock clock) {
        this.client = client;
        this.listener = listener;
        this.settings = settings;
        this.clock = clock;
    }

    /** A stream is open: read everything, then follow its events. */
    void connected(Session newSession) {
        lock.lock();
        try {
            session = newSession;
            dirty.clear();
            readAllWanted = true;
            retryAt = null;
            failures = 0;
            wake.signal();
        } finally {
            lock.unlock();
        }
    }

    /** The stream of {@code ended} broke: pending reads are dropped (the next session reads everything). */
    void disconnected(Session ended, String reason) {
        lock.lock();
        try {
            if (session == ended) {
                session = null;
                dirty.clear();
                readAllWanted = false;
                retryAt = null;
            }
            disconnects.add(reason);
            wake.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Events of {@code from} named these apps. */
    void appsChanged(Session from, Collection<String> appIds) {
        lock.lock();
        try {
            if (session == from) {
                dirty.addAll(appIds);
                wake.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** An event of {@code from} changed apps it does not name. */
    void everythingChanged(Session from) {
        lock.lock();
        try {
            if (session == from) {
                readAllWanted = true;
                wake.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    Instant lastSnapshotAt() {
        return lastSnapshotAt;
    }

    long snapshots() {
        return snapshots;
    }

    long appReads() {
        return appReads;
    }

    int unreadableApps() {
        return unreadableApps;
    }

    /** Works until interrupted. */
    @Override
    public void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                switch (next()) {
                    case Disconnect d -> deliver(() -> listener.onDisconnected(d.reason()));
                    case ReadAll r -> readAll(r.session());
                    case ReadApp r -> readApp(r.session(), r.appId());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for work: disconnect notices first, then a full read, then marked apps in the order marked. */
    private Work next() throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                if (!disconnects.isEmpty()) {
                    return new Disconnect(disconnects.remove());
                }
                if (session == null) {
                    wake.await();
                    continue;
                }
                Instant now = clock.instant();
                if (retryAt != null && now.isBefore(retryAt)) {
                    awaitUntil(now, retryAt);
                    continue;
                }
                Instant resyncAt = lastSnapshotAt == null ? now : lastSnapshotAt.plus(settings.resyncInterval());
                if (readAllWanted || !now.isBefore(resyncAt)) {
                    readAllWanted = false;
                    dirty.clear();
                    return new ReadAll(session);
                }
                if (!dirty.isEmpty()) {
                    return new ReadApp(session, dirty.removeFirst());
                }
                awaitUntil(now, resyncAt);
            }
        } finally {
            lock.unlock();
        }
    }

    private void awaitUntil(Instant now, Instant then) throws InterruptedException {
        wake.awaitNanos(Math.max(1, Duration.between(now, then).toNanos()));
    }

    private void readAll(Session from) throws InterruptedException {
        if (from.attached().getCount() > 0 && !from.attached().await(ATTACH_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            log.debug("No event_stream_attached from {} within {}; reading apps anyway", from.leader(), ATTACH_WAIT);
        }
        MarathonClient.Apps apps;
        try {
            apps = client.apps(from.leader());
        } catch (IOException e) {
            failed(from, "Reading all apps", e, () -> readAllWanted = true);
            return;
        }
        succeeded();
        lastSnapshotAt = clock.instant();
        snapshots++;
        unreadableApps = apps.unreadable().size();
        deliver(() -> listener.onSnapshot(apps.apps()));
    }

    private void readApp(Session from, String appId) throws InterruptedException {
        Optional<AppInfo> app;
        try {
            app = client.app(from.leader(), appId);
        } catch (IOException e) {
            failed(from, "Reading app " + appId, e, () -> dirty.add(appId));
            return;
        }
        succeeded();
        appReads++;
        deliver(() -> listener.onAppChanged(appId, app));
    }

    /** A failed read of the current session is tried again after a backoff; one of an old session is dropped. */
    private void failed(Session from, String what, IOException e, Runnable remark) {
        lock.lock();
        try {
            if (session != from) {
                log.debug("{} from {} failed after its stream ended: {}", what, from.leader(), e.toString());
                return;
            }
            failures++;
            Duration delay = settings.reconnect().delay(failures);
            retryAt = clock.instant().plus(delay);
            remark.run();
            log.warn("{} from {} failed (retrying in {} ms): {}", what, from.leader(), delay.toMillis(),
                    e.toString());
        } finally {
            lock.unlock();
        }
    }

    private void succeeded() {
        lock.lock();
        try {
            failures = 0;
            retryAt = null;
        } finally {
            lock.unlock();
        }
    }

    /** A listener that throws must not stop the feed: the next read of the app or of everything repairs it. */
    private static void deliver(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.error("The cluster listener failed", e);
        }
    }
}
