package io.mpaas.master.stream;

import io.mpaas.protocol.recordio.RecordIo;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One long-lived RecordIO response: a framework's subscription, an agent's link or an operator's
 * event stream. The master enqueues events without blocking (it holds its lock when it does).
 * Two ways drain the queue: a thread that blocks in {@link #serve} for the life of the stream,
 * writing each record in one write and flushing it (so that each record travels as one HTTP
 * chunk), or a {@link NonBlockingStreams} writer that holds no thread between events (agent links,
 * thousands of them).
 *
 * @param <E> the event type; encoded by the writer, off the master's lock
 */
public final class EventStream<E> {

    private static final Logger log = LoggerFactory.getLogger(EventStream.class);

    /** Enqueued to end the stream after what is already queued. */
    static final Object END = new Object();

    /** Wakes a non-blocking writer; does nothing for a blocking one. */
    private static final Runnable NO_WRITER = () -> { };

    private final String id;
    private final Function<E, byte[]> encoder;
    private final byte[] heartbeat;
    private final Duration heartbeatInterval;
    private final int capacity;
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final AtomicBoolean open = new AtomicBoolean(true);
    private volatile boolean ending;
    private volatile boolean dropped;
    private volatile Runnable onClosed = () -> { };
    private volatile Runnable onQueued = NO_WRITER;

    /**
     * @param heartbeat a record written after {@code heartbeatInterval} of silence; null for none.
     *     Clients with idle timeouts stay connected only if something arrives regularly.
     * @param capacity events queued beyond this mean the reader is stuck or gone: the stream is
     *     dropped (what is queued is discarded) rather than letting the master's memory grow
     *     without bound
     */
    public EventStream(String id, Function<E, byte[]> encoder, E heartbeat, Duration heartbeatInterval,
            int capacity) {
        this.id = id;
        this.encoder = encoder;
        this.heartbeat = heartbeat == null ? null : RecordIo.frame(encoder.apply(heartbeat));
        this.heartbeatInterval = heartbeatInterval;
        this.capacity = capacity;
    }

    public String id() {
        return id;
    }

    public boolean isOpen() {
        return open.get();
    }

    /** Runs once when the stream ends for any reason (client gone, closed by the master, overflow). */
    public void onClosed(Runnable callback) {
        this.onClosed = callback;
    }

    /**
     * Queues an event; false when the stream is closed or closing (the event is dropped). Never
     * blocks. An event beyond the capacity drops the stream: what is queued is discarded and the
     * stream ends without writing it, since a reader that far behind is stuck or gone.
     */
    public boolean send(E event) {
        if (!open.get() || ending) {
            return false;
        }
        if (queue.size() >= capacity) {
            log.warn("Event stream {} has {} undelivered events; dropping it", id, queue.size());
            dropped = true;
            ending = true;
            queue.clear();
            queue.add(END);
            onQueued.run();
            return false;
        }
        queue.add(event);
        onQueued.run();
        return true;
    }

    /** Ends the stream after the events already queued. */
    public void close() {
        if (open.get() && !ending) {
            ending = true;
            queue.add(END);
            onQueued.run();
        }
    }

    /** Ends the stream at once, without writing what is queued (its response could not be started). */
    public void abort() {
        dropped = true;
        ending = true;
        finish();
    }

    /**
     * Takes the queued events without writing them, for a reader in the same process (scenario
     * tests). Returns what is queued now; ends the stream if its end was queued.
     */
    @SuppressWarnings("unchecked")
    public List<E> drain() {
        List<Object> queued = new ArrayList<>();
        queue.drainTo(queued);
        List<E> events = new ArrayList<>(queued.size());
        for (Object o : queued) {
            if (o == END) {
                finish();
                break;
            }
            events.add((E) o);
        }
        return events;
    }

    /**
     * Writes events until the stream is closed or the client goes away. Blocks the calling
     * (request) thread for the life of the stream.
     */
    public void serve(OutputStream out) {
        try {
            while (true) {
                Object next = heartbeat == null ? queue.take()
                        : queue.poll(heartbeatInterval.toMillis(), TimeUnit.MILLISECONDS);
                if (next == END) {
                    break;
                }
                if (dropped) {
                    break;
                }
                byte[] record = next == null ? heartbeat : frame(next);
                out.write(record);
                out.flush();
            }
        } catch (IOException e) {
            log.debug("Event stream {} ended: {}", id, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("Event stream {} failed", id, e);
        } finally {
            finish();
        }
    }

    /** Called after each event (and the end) is queued: a non-blocking writer's wake-up. */
    void onQueued(Runnable wake) {
        this.onQueued = wake;
    }

    /** The next queued event, {@link #END}, or null when nothing is queued. */
    Object poll() {
        return queue.poll();
    }

    /** True once the stream overflowed or was aborted: end it without writing anything more. */
    boolean isDropped() {
        return dropped;
    }

    /** True when the stream writes a heartbeat after a silence (only {@link #serve} does). */
    boolean hasHeartbeat() {
        return heartbeat != null;
    }

    /** The RecordIO record of a queued event. */
    @SuppressWarnings("unchecked")
    byte[] frame(Object event) {
        return RecordIo.frame(encoder.apply((E) event));
    }

    /** Marks the stream ended and runs the close callback, once. */
    void finish() {
        if (open.compareAndSet(true, false)) {
            queue.clear();
            try {
                onClosed.run();
            } catch (RuntimeException e) {
                log.warn("Close callback of stream {} failed", id, e);
            }
        }
    }
}
