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
 * event stream. The master enqueues events without blocking (it holds its lock when it does);
 * the HTTP request thread (a virtual thread) drains the queue in {@link #serve}, writing each
 * record in one write and flushing it, so that each record travels as one HTTP chunk.
 *
 * @param <E> the event type; encoded on the request thread, off the master's lock
 */
public final class EventStream<E> {

    private static final Logger log = LoggerFactory.getLogger(EventStream.class);

    /** Enqueued to end the stream after what is already queued. */
    private static final Object END = new Object();

    private final String id;
    private final Function<E, byte[]> encoder;
    private final byte[] heartbeat;
    private final Duration heartbeatInterval;
    private final int capacity;
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final AtomicBoolean open = new AtomicBoolean(true);
    private volatile Runnable onClosed = () -> { };

    /**
     * @param heartbeat a record written after {@code heartbeatInterval} of silence; null for none.
     *     Clients with idle timeouts stay connected only if something arrives regularly.
     * @param capacity events queued beyond this mean the reader is stuck: the stream is closed
     *     rather than letting the master's memory grow without bound
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

    /** Queues an event; false when the stream is closed (the event is dropped). Never blocks. */
    public boolean send(E event) {
        if (!open.get()) {
            return false;
        }
        if (queue.size() >= capacity) {
            log.warn("Event stream {} has {} undelivered events; closing it", id, queue.size());
            close();
            return false;
        }
        queue.add(event);
        return true;
    }

    /** Ends the stream after the events already queued. */
    public void close() {
        if (open.get()) {
            queue.add(END);
        }
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
    @SuppressWarnings("unchecked")
    public void serve(OutputStream out) {
        try {
            while (true) {
                Object next = heartbeat == null ? queue.take()
                        : queue.poll(heartbeatInterval.toMillis(), TimeUnit.MILLISECONDS);
                if (next == END) {
                    break;
                }
                byte[] record = next == null ? heartbeat : RecordIo.frame(encoder.apply((E) next));
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

    private void finish() {
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
