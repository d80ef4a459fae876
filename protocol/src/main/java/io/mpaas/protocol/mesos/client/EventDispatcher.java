package io.mpaas.protocol.mesos.client;

import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.MasterInfo;
import io.mpaas.protocol.mesos.scheduler.Event;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands events to the {@link SchedulerListener} on one delivery thread, in arrival order, so the
 * stream reader never waits for the framework's code (a slow callback must not make the
 * heartbeat watchdog think the master went silent).
 */
final class EventDispatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EventDispatcher.class);

    /**
     * How long {@link #close()} lets a running callback finish before interrupting it: long enough
     * for a callback that is writing to a database, short enough that shutdown stays prompt.
     */
    static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

    private final SchedulerListener listener;
    private final ThreadPoolExecutor executor;
    private volatile Thread deliveryThread;
    private volatile boolean closed;

    EventDispatcher(SchedulerListener listener, ThreadFactory threads) {
        this.listener = listener;
        // One thread, unbounded queue: order is kept, and the reader never blocks on delivery.
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread thread = threads.newThread(r);
            deliveryThread = thread;
            return thread;
        });
    }

    void subscribed(FrameworkId frameworkId, MasterInfo master, boolean reconnect) {
        submit("SUBSCRIBED", () -> listener.onSubscribed(frameworkId, master, reconnect));
    }

    void disconnected(Disconnection disconnection) {
        submit("disconnection", () -> listener.onDisconnected(disconnection));
    }

    void subscriptionFailed(SubscriptionFailure failure) {
        submit("subscription failure", () -> listener.onSubscriptionFailed(failure));
    }

    /** Any event but SUBSCRIBED, which carries client state and goes through {@link #subscribed}. */
    void event(Event event) {
        submit(String.valueOf(event.type()), () -> route(event));
    }

    private void route(Event event) {
        if (event.type() == null) {
            listener.onOtherEvent(event);
            return;
        }
        switch (event.type()) {
            case OFFERS -> {
                if (event.offers() != null) {
                    listener.onOffers(event.offers().offers());
                }
            }
            case RESCIND -> {
                if (event.rescind() != null && event.rescind().offerId() != null) {
                    listener.onRescind(event.rescind().offerId());
                }
            }
            case UPDATE -> {
                if (event.update() != null && event.update().status() != null) {
                    listener.onUpdate(event.update().status());
                }
            }
            case MESSAGE -> {
                if (event.message() != null) {
                    Event.Message m = event.message();
                    listener.onMessage(m.agentId(), m.executorId(), decode(m.data()));
                }
            }
            case FAILURE -> {
                if (event.failure() != null) {
                    listener.onFailure(event.failure());
                }
            }
            case ERROR -> listener.onError(event.error() == null ? "" : event.error().message());
            case HEARTBEAT -> listener.onHeartbeat();
            default -> listener.onOtherEvent(event);
        }
    }

    private static byte[] decode(String data) {
        // Executors' bytes are base64 on the wire; a malformed payload is passed on as nothing.
        if (data == null) {
            return new byte[0];
        }
        try {
            return Base64.getDecoder().decode(data);
        } catch (IllegalArgumentException e) {
            log.warn("MESSAGE event with data that is not base64; delivered empty");
            return new byte[0];
        }
    }

    private void submit(String what, Runnable callback) {
        if (closed) {
            return;
        }
        try {
            executor.execute(() -> {
                if (closed) {
                    return;
                }
                try {
                    callback.run();
                } catch (RuntimeException e) {
                    log.error("scheduler listener failed on {}", what, e);
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("{} dropped: dispatcher closed", what);
        }
    }

    /** Drops pending events and stops delivery; waits for a running callback unless called from one. */
    @Override
    public void close() {
        closed = true;
        executor.getQueue().clear();
        executor.shutdown();
        if (Thread.currentThread() == deliveryThread) {
            return;
        }
        try {
            if (!executor.awaitTermination(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("scheduler listener still busy after {}; interrupting it", CLOSE_GRACE);
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
