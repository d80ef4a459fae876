package io.mpaas.marathon.event;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code /v2/events} client. The bus queues events without blocking; the client's request thread (a virtual
 * thread) writes them in {@link #serve}, each framed as {@code event: <eventType>\ndata: <json>\n\n} and flushed,
 * with an SSE comment ({@code :\n\n}) after each heartbeat interval of silence.
 *
 * <p>Backpressure: at most {@code capacity} events wait for one client. A client that falls that far behind is
 * disconnected, not fed selectively: the queue is emptied at once (its memory is freed), the client leaves the bus
 * (nothing more is queued for it, and {@code event_stream_detached} is published), and its response ends as soon as
 * the write in progress, if any, completes or fails (the server's write timeout bounds that for a client that stops
 * reading altogether). A client that reconnects re-reads state, as Marathon's docs advise anyway. Marathon 1.x
 * dropped events silently for such a client instead, which leaves it with a stale view it cannot detect.
 */
final class SseConnection implements EventSink {

    private static final Logger log = LoggerFactory.getLogger(SseConnection.class);

    private static final byte[] HEARTBEAT = ":\n\n".getBytes(StandardCharsets.UTF_8);

    /** Queued to wake the writer when the stream ends. */
    private static final Pending END = new Pending("", "");

    private record Pending(String eventType, String json) {
    }

    private final String remoteAddress;
    private final Set<String> eventTypes;
    private final Duration heartbeatInterval;
    private final int capacity;
    private final BlockingQueue<Pending> queue;
    private final AtomicBoolean open = new AtomicBoolean(true);
    private volatile Runnable onClose = () -> { };

    /**
     * @param eventTypes the types this client wants ({@code event_type} parameters); empty for all
     * @param capacity   events that may wait for this client before it is disconnected
     */
    SseConnection(String remoteAddress, Set<String> eventTypes, Duration heartbeatInterval, int capacity) {
        this.remoteAddress = remoteAddress;
        this.eventTypes = Set.copyOf(eventTypes);
        this.heartbeatInterval = heartbeatInterval;
        this.capacity = capacity;
        this.queue = new LinkedBlockingQueue<>(capacity + 1);
    }

    String remoteAddress() {
        return remoteAddress;
    }

    boolean isOpen() {
        return open.get();
    }

    /** Runs once, when the stream ends for any reason (client gone, fell behind, server stopping). */
    void onClose(Runnable callback) {
        this.onClose = callback;
    }

    @Override
    public void offer(String eventType, String json) {
        if (!open.get() || !(eventTypes.isEmpty() || eventTypes.contains(eventType))) {
            return;
        }
        if (queue.size() >= capacity || !queue.offer(new Pending(eventType, json))) {
            log.warn("Event stream client {} has {} undelivered events; disconnecting it", remoteAddress, capacity);
            close();
        }
    }

    /** Ends the stream: drops what is queued and wakes the writer. */
    void close() {
        if (open.compareAndSet(true, false)) {
            queue.clear();
            queue.offer(END);
            try {
                onClose.run();
            } catch (RuntimeException e) {
                log.warn("Close callback of the event stream of {} failed", remoteAddress, e);
            }
        }
    }

    /**
     * Writes events until the stream is closed or the client goes away (a write fails). Blocks the calling
     * request thread for the life of the stream; closes the stream when it returns.
     */
    void serve(OutputStream out) {
        try {
            while (open.get()) {
                Pending next = queue.poll(heartbeatInterval.toMillis(), TimeUnit.MILLISECONDS);
                if (next == END || !open.get()) {
                    break;
                }
                out.write(next == null ? HEARTBEAT : frame(next));
                out.flush();
            }
        } catch (IOException e) {
            log.debug("Event stream client {} went away: {}", remoteAddress, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("Event stream to {} failed", remoteAddress, e);
        } finally {
            close();
        }
    }

    /** The JSON is one line (MarathonJson escapes control characters), so one {@code data:} line carries it. */
    private static byte[] frame(Pending event) {
        return ("event: " + event.eventType() + "\ndata: " + event.json() + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "event stream of " + remoteAddress;
    }
}
