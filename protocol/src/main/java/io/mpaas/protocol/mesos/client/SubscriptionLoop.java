package io.mpaas.protocol.mesos.client;

import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.FrameworkInfo;
import io.mpaas.protocol.mesos.scheduler.Call;
import io.mpaas.protocol.mesos.scheduler.Event;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscription thread: find a master, subscribe, read the stream until it ends, back off,
 * and again, with the framework id learnt from the first SUBSCRIBED, until stopped. While a stream
 * is open this thread also polls its {@link HeartbeatWatchdog}; a separate reader thread reads.
 */
final class SubscriptionLoop implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionLoop.class);

    /**
     * The longest pause between two looks at the watchdog. The watchdog reads the injected clock,
     * which can jump (a test moving it, a host waking from suspend) without waking anyone; this
     * bounds how late such a jump is noticed, at the cost of a wake-up ten times a second.
     */
    static final Duration WATCHDOG_POLL = Duration.ofMillis(100);

    private final FrameworkInfo frameworkInfo;
    private final MasterLocator locator;
    private final MasterConnector connector;
    private final EventDispatcher dispatcher;
    private final ThreadFactory threads;
    private final Clock clock;
    private final SchedulerClientSettings settings;
    private final Backoff backoff;
    /** The master of the latest attempt: a detector-backed locator ends the pause early once another one leads. */
    private volatile URI lastMaster;

    private final AtomicReference<FrameworkId> frameworkId;
    private final AtomicReference<Subscription> subscription = new AtomicReference<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile SubscriptionStream stream;
    private volatile boolean lastStream;

    SubscriptionLoop(FrameworkInfo frameworkInfo, MasterLocator locator, MasterConnector connector,
            EventDispatcher dispatcher, ThreadFactory threads, Clock clock, SchedulerClientSettings settings) {
        this.frameworkInfo = frameworkInfo;
        this.locator = locator;
        this.connector = connector;
        this.dispatcher = dispatcher;
        this.threads = threads;
        this.clock = clock;
        this.settings = settings;
        this.backoff = new Backoff(settings.minBackoff(), settings.maxBackoff(), RandomGenerator.getDefault());
        this.frameworkId = new AtomicReference<>(frameworkInfo.id());
    }

    Optional<Subscription> subscription() {
        return Optional.ofNullable(subscription.get());
    }

    Optional<FrameworkId> frameworkId() {
        return Optional.ofNullable(frameworkId.get());
    }

    @Override
    public void run() {
        try {
            while (!isStopped()) {
                Optional<Duration> retryIn = attempt();
                if (retryIn.isEmpty() || locator.pause(retryIn.get(), lastMaster, stopped)) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            // Only close() interrupts this thread: stop quietly.
            Thread.currentThread().interrupt();
        } finally {
            subscription.set(null);
        }
    }

    /** Stops for good: wakes a backoff wait and aborts an open stream. Any thread. */
    void stop() {
        stopped.countDown();
        SubscriptionStream open = stream;
        if (open != null) {
            open.abort(Disconnection.Cause.STREAM_ENDED, "client closed");
        }
    }

    /** Do not re-subscribe when the current stream ends (a TEARDOWN is on its way). */
    void finishWithCurrentStream() {
        lastStream = true;
    }

    private boolean isStopped() {
        return stopped.getCount() == 0;
    }

    /** One subscription attempt, and the stream if there is one; the delay before the next, or empty to stop. */
    private Optional<Duration> attempt() throws InterruptedException {
        Optional<URI> master = locator.current();
        lastMaster = master.orElse(null);
        if (master.isEmpty()) {
            return failed(new MasterConnector.Failed(SubscriptionFailure.Kind.NO_MASTER, null, 0,
                    "no master known to the locator"));
        }
        FrameworkId known = frameworkId.get();
        // A re-subscription names the framework twice: in framework_info.id and in the call's framework_id.
        Call subscribe = Call.subscribe(known == null ? frameworkInfo : frameworkInfo.withId(known));
        return switch (connector.subscribe(master.get(), subscribe)) {
            case MasterConnector.Failed failure -> failed(failure);
            case MasterConnector.Connected connected -> follow(connected, known != null);
        };
    }

    private Optional<Duration> failed(MasterConnector.Failed failure) {
        if (isStopped() || lastStream) {
            return Optional.empty();
        }
        if (failure.masterUnusable()) {
            locator.unusable(failure.master());
        }
        Duration retryIn = failure.needsOperator() ? backoff.exhausted()
                : failure.kind() == SubscriptionFailure.Kind.UNAVAILABLE ? backoff.brief() : backoff.next();
        log.warn("subscription to {} failed ({} {}): {}; retrying in {} ms",
                failure.master() == null ? "(no master)" : failure.master(), failure.kind(), failure.status(),
                failure.detail(), retryIn.toMillis());
        dispatcher.subscriptionFailed(new SubscriptionFailure(failure.kind(), failure.master(), failure.status(),
                failure.detail(), retryIn));
        return Optional.of(retryIn);
    }

    /** Reads one stream to its end while watching its heartbeats. */
    private Optional<Duration> follow(MasterConnector.Connected connected, boolean reconnect)
            throws InterruptedException {
        HeartbeatWatchdog watchdog = new HeartbeatWatchdog(clock, settings.missedHeartbeats(),
                settings.requestTimeout());
        SubscriptionStream open = new SubscriptionStream(connected.master(), connected.streamId(), connected.body(),
                watchdog);
        stream = open;
        if (isStopped()) {
            // close() ran while the SUBSCRIBE was answered; it may not have seen this stream.
            open.abort(Disconnection.Cause.STREAM_ENDED, "client closed");
        }
        Thread reader = threads.newThread(() -> open.readAll(event -> onEvent(open, event, reconnect)));
        reader.start();
        try {
            while (!reader.join(pollInterval(watchdog))) {
                if (watchdog.expired()) {
                    open.abort(Disconnection.Cause.HEARTBEAT_MISSED,
                            "no event from the master for " + watchdog.window().toMillis() + " ms");
                }
            }
        } finally {
            open.abort(Disconnection.Cause.STREAM_ENDED, "client closed");
            stream = null;
        }
        Subscription ended = subscription.getAndSet(null);
        SubscriptionStream.End end = open.end();
        if (isStopped() || lastStream) {
            return Optional.empty();
        }
        if (ended == null) {
            SubscriptionFailure.Kind kind = end.cause() == Disconnection.Cause.ERROR_EVENT
                    ? SubscriptionFailure.Kind.ERROR_EVENT
                    : SubscriptionFailure.Kind.STREAM_FAILED;
            return failed(new MasterConnector.Failed(kind, open.master(), 200, end.detail()));
        }
        Duration retryIn = backoff.next();
        log.warn("subscription to {} ended ({}): {}; re-subscribing in {} ms", open.master(), end.cause(),
                end.detail(), retryIn.toMillis());
        dispatcher.disconnected(new Disconnection(end.cause(), open.master(), end.detail(), retryIn));
        return Optional.of(retryIn);
    }

    private static Duration pollInterval(HeartbeatWatchdog watchdog) {
        Duration remaining = watchdog.remaining();
        if (remaining.compareTo(WATCHDOG_POLL) > 0) {
            return WATCHDOG_POLL;
        }
        return remaining.isZero() ? Duration.ofMillis(1) : remaining;
    }

    /** Runs on the reader thread: state first, then delivery, so a callback sees the state it is told about. */
    private boolean onEvent(SubscriptionStream open, Event event, boolean reconnect) {
        if (event.type() == Event.Type.SUBSCRIBED) {
            Event.Subscribed subscribed = event.subscribed();
            if (subscribed == null || subscribed.frameworkId() == null) {
                open.abort(Disconnection.Cause.STREAM_BROKEN, "SUBSCRIBED without framework_id");
                return false;
            }
            frameworkId.set(subscribed.frameworkId());
            subscription.set(new Subscription(open.master(), open.streamId(), subscribed.frameworkId(),
                    subscribed.masterInfo()));
            open.watchdog().subscribed(subscribed.heartbeatIntervalSeconds());
            backoff.reset();
            log.info("subscribed to {} as framework {} (stream {}, heartbeat window {} ms)", open.master(),
                    subscribed.frameworkId(), open.streamId(), open.watchdog().window().toMillis());
            dispatcher.subscribed(subscribed.frameworkId(), subscribed.masterInfo(), reconnect);
            return true;
        }
        dispatcher.event(event);
        if (event.type() == Event.Type.ERROR) {
            String message = event.error() == null ? "" : event.error().message();
            open.abort(Disconnection.Cause.ERROR_EVENT, "ERROR event: " + message);
            return false;
        }
        return true;
    }
}
