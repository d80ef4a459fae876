package io.mpaas.gateway.marathon;

import io.mpaas.gateway.marathon.AppRefresher.Session;
import io.mpaas.protocol.marathon.event.EventStreamAttached;
import io.mpaas.protocol.marathon.event.MarathonEvent;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows a marathon (or a Marathon-compatible scheduler) and reports its apps to a {@link ClusterListener}.
 *
 * <p>It keeps one event stream ({@code /v2/events}) open to the leader: it asks the configured URLs in turn for
 * {@code /v2/leader} and streams from the leader directly, so that no standby sits in the middle. Only once the
 * stream is subscribed does it read every app, so nothing that happens between the read and the subscription is
 * lost; after that each event marks the apps it names, and one worker reads those apps back ({@link AppRefresher}).
 * Every {@code resyncInterval} it reads everything again. When the stream ends, fails or falls silent, the
 * listener hears {@link ClusterListener#onDisconnected}, and the feed backs off, moves on to the next URL and
 * starts again with a full read.
 *
 * <p>Two virtual threads: the follower (connects, waits on the stream, backs off) and the worker (all listener
 * calls). The HTTP client's own threads parse the stream. Started once; a stopped feed is not restarted.
 */
public final class MarathonFeed {

    private static final Logger log = LoggerFactory.getLogger(MarathonFeed.class);

    /** The types asked for, plus the stream's own attach notice, which tells when it is subscribed. */
    private static final List<String> STREAM_TYPES = withAttached();

    private final MarathonSettings settings;
    private final MarathonLocator locator;
    private final Clock clock;

    private final MarathonClient client;
    private final AppRefresher refresher;
    private final AtomicLong opened = new AtomicLong();
    private final AtomicLong events = new AtomicLong();
    private volatile boolean running;
    private volatile boolean started;
    private volatile Thread follower;
    private volatile Thread worker;
    private volatile EventStream stream;
    private volatile Session session;
    private volatile Instant connectedSince;
    private volatile Instant lastEventAt;
    private volatile String lastError;

    public MarathonFeed(MarathonSettings settings, ClusterListener listener, Clock clock) {
        this(settings, MarathonLocator.of(settings), listener, clock);
    }

    public MarathonFeed(MarathonSettings settings, MarathonLocator locator, ClusterListener listener, Clock clock) {
        this.settings = settings;
        this.locator = locator;
        this.clock = clock;
        this.client = new MarathonClient(settings);
        this.refresher = new AppRefresher(client, listener, settings, clock);
    }

    /** Starts following in the background; returns at once. */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("The marathon feed was started already");
        }
        started = true;
        running = true;
        worker = Thread.ofVirtual().name("marathon-feed-worker").start(refresher);
        follower = Thread.ofVirtual().name("marathon-feed-follower").start(this::follow);
    }

    /**
     * Closes the stream, aborts reads in flight and stops both threads; returns once they ended (at most a few
     * seconds). The listener hears nothing more, not even {@code onDisconnected}.
     */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        EventStream open = stream;
        if (open != null) {
            open.cancel();
        }
        follower.interrupt();
        worker.interrupt();
        client.close();
        join(follower);
        join(worker);
        session = null;
        connectedSince = null;
        log.info("Stopped following marathon");
    }

    public MarathonFeedStatus status() {
        Session current = session;
        Instant since = connectedSince;
        boolean connected = current != null && since != null;
        return new MarathonFeedStatus(running, connected, connected ? current.url() : null,
                connected ? current.leader() : null, connected ? since : null, lastEventAt,
                refresher.lastSnapshotAt(), Math.max(0, opened.get() - 1), events.get(), refresher.snapshots(),
                refresher.appReads(), refresher.unreadableApps(), lastError);
    }

    /**
     * The follower's loop: find the leader, stream from it until the stream ends, back off, next URL. The
     * candidates are asked for again after each stream, so marathons that came or went are followed.
     */
    private void follow() {
        List<URI> urls = locator.candidates();
        log.info("Following marathon at {}", urls);
        int index = 0;
        int failures = 0;
        URI redirectedTo = null;
        while (running) {
            URI url = urls.get(index);
            boolean followingRedirect = redirectedTo != null;
            try {
                URI leader = followingRedirect ? redirectedTo : leaderOf(url);
                redirectedTo = null;
                Duration lived = stream(url, leader);
                if (lived.compareTo(settings.reconnect().resetAfter()) >= 0) {
                    failures = 0;
                }
            } catch (EventStream.Redirected e) {
                if (!followingRedirect) {
                    // a standby that knows the leader better than /v2/leader said: go there at once, once in a row
                    redirectedTo = e.base();
                    log.info("{} sends the event stream to {}", url, redirectedTo);
                    continue;
                }
                failed(url, "redirected again, to " + e.base());
            } catch (MarathonClient.StatusException e) {
                failed(url, e.getMessage());
            } catch (IOException | RuntimeException e) {
                failed(url, e.toString());
            } catch (InterruptedException e) {
                return;
            }
            if (!running) {
                return;
            }
            urls = locator.candidates();
            index = (index + 1) % urls.size();
            failures++;
            Duration delay = settings.reconnect().delay(failures);
            log.debug("Reconnecting to {} in {} ms", urls.get(index), delay.toMillis());
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The marathon to stream from: {@code url} itself, or the leader it names, with the same scheme. */
    private URI leaderOf(URI url) throws IOException, InterruptedException {
        Optional<String> leader = client.leader(url);
        if (leader.isEmpty()) {
            throw new IOException(url + " knows no leader");
        }
        URI named;
        try {
            named = new URI(url.getScheme() + "://" + leader.get());
        } catch (URISyntaxException e) {
            throw new IOException(url + " names a leader that is no host:port: " + leader.get(), e);
        }
        if (named.getHost() == null) {
            throw new IOException(url + " names a leader that is no host:port: " + leader.get());
        }
        return sameHostAndPort(url, named) ? url : named;
    }

    /**
     * Opens the stream to {@code leader}, hands it to the worker and blocks until it ends.
     *
     * @return how long it was open
     */
    private Duration stream(URI url, URI leader) throws IOException, InterruptedException {
        Session candidate = new Session(url, leader);
        EventStream opening = new EventStream(client, leader, clock, frame -> onFrame(candidate, frame));
        stream = opening;
        if (!running) {
            throw new InterruptedException();
        }
        opening.open(STREAM_TYPES, settings.requestTimeout());
        Instant since = clock.instant();
        session = candidate;
        connectedSince = since;
        if (opened.incrementAndGet() > 1) {
            log.info("Event stream open again, from {} (via {})", leader, url);
        } else {
            log.info("Event stream open from {} (via {})", leader, url);
        }
        refresher.connected(candidate);
        String reason = opening.awaitEnd(settings.detectsIdleStreams() ? settings.streamIdleTimeout() : Duration.ZERO);
        Duration lived = Duration.between(since, clock.instant());
        session = null;
        connectedSince = null;
        if (running) {
            lastError = reason;
            log.warn("Event stream from {} ended after {} s: {}", leader, lived.toSeconds(), reason);
            refresher.disconnected(candidate, reason);
        }
        return lived;
    }

    /** Runs on the HTTP client's thread for each event of {@code from}: counts it and marks what it changed. */
    private void onFrame(Session from, SseFrames.Frame frame) {
        from.attached().countDown();
        if (frame.event().equals(EventStreamAttached.TYPE)) {
            return;
        }
        events.incrementAndGet();
        lastEventAt = clock.instant();
        MarathonEvent event;
        try {
            event = MarathonEvent.read(frame.event(), frame.data());
        } catch (IllegalArgumentException e) {
            if (MarathonEvent.recordOf(frame.event()).isPresent()) {
                // a type that matters, in a shape not understood: only a full read can tell what it changed
                log.warn("A {} event did not read ({}); reading all apps", frame.event(), e.getMessage());
                refresher.everythingChanged(from);
            } else {
                log.debug("Ignoring an event of unknown type {}", frame.event());
            }
            return;
        }
        switch (EventScope.of(event)) {
            case EventScope.Apps apps -> refresher.appsChanged(from, apps.ids());
            case EventScope.Everything everything -> refresher.everythingChanged(from);
            case EventScope.Nothing nothing -> {
                // no app changed
            }
        }
    }

    private void failed(URI url, String reason) {
        lastError = url + ": " + reason;
        log.warn("Following marathon through {} failed: {}", url, reason);
    }

    private static boolean sameHostAndPort(URI a, URI b) {
        return a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost()) && port(a) == port(b);
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return uri.getScheme().toLowerCase(Locale.ROOT).equals("https") ? 443 : 80;
    }

    private static List<String> withAttached() {
        List<String> types = new ArrayList<>(EventScope.EVENT_TYPES);
        types.add(EventStreamAttached.TYPE);
        return List.copyOf(types);
    }

    /** Waits a bounded time: a thread stuck in a listener call must not hold up shutdown forever. */
    private static void join(Thread thread) {
        if (thread == Thread.currentThread()) {
            return; // stop() called from a listener call: this thread ends when the call returns
        }
        try {
            if (!thread.join(Duration.ofSeconds(5))) {
                log.warn("{} did not stop within 5 s", thread.getName());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
