package io.mpaas.master.stream;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one {@link EventStream} to an asynchronous response with servlet non-blocking I/O: no
 * thread waits for the next event. A drain runs when an event is queued (on {@code executor}, so
 * never on the master's thread that queued it, which holds the master's lock) and when the
 * container reports the socket writable again; at most one drain runs at a time. A drain writes
 * while the response accepts bytes without blocking and flushes once the queue is empty, so a
 * burst of events shares HTTP chunks. A reader that stops reading leaves the response not ready:
 * events then wait in the stream's bounded queue, and an overflow drops the stream at once.
 *
 * @param <E> the stream's event type
 */
final class NonBlockingWriter<E> implements WriteListener, AsyncListener {

    private static final Logger log = LoggerFactory.getLogger(NonBlockingWriter.class);

    private final EventStream<E> stream;
    private final ServletOutputStream out;
    private final Runnable complete;
    private final Executor executor;
    /** Requests for a drain; the one that moves it from 0 runs the drain, later ones make it loop. */
    private final AtomicInteger wanted = new AtomicInteger();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final Runnable wake = this::wake;
    /** Written bytes not flushed yet; touched only by the one running drain. */
    private boolean unflushed;

    /**
     * @param complete completes the asynchronous request (ends the response)
     * @param executor runs drains woken by queued events
     */
    NonBlockingWriter(EventStream<E> stream, ServletOutputStream out, Runnable complete, Executor executor) {
        this.stream = stream;
        this.out = out;
        this.complete = complete;
        this.executor = executor;
    }

    /**
     * The container's first call says the response may be written from any thread; only then do
     * queued events wake the writer (events queued before are drained now).
     */
    @Override
    public void onWritePossible() {
        stream.onQueued(wake);
        if (wanted.getAndIncrement() == 0) {
            drainLoop();
        }
    }

    @Override
    public void onError(Throwable error) {
        log.debug("Event stream {} ended: {}", stream.id(), error.toString());
        end();
    }

    private void wake() {
        if (wanted.getAndIncrement() == 0) {
            try {
                executor.execute(this::drainLoop);
            } catch (RejectedExecutionException e) {
                // The master is shutting down; its connections go with it.
                log.debug("Event stream {} not written: {}", stream.id(), e.toString());
            }
        }
    }

    private void drainLoop() {
        int missed = 1;
        do {
            drain();
            missed = wanted.addAndGet(-missed);
        } while (missed != 0);
    }

    private void drain() {
        if (ended.get()) {
            return;
        }
        try {
            while (!stream.isDropped() && out.isReady()) {
                Object next = stream.poll();
                if (next == EventStream.END) {
                    end();
                    return;
                }
                if (next == null) {
                    if (!unflushed) {
                        return;
                    }
                    unflushed = false;
                    out.flush();
                } else {
                    out.write(stream.frame(next));
                    unflushed = true;
                }
            }
            if (stream.isDropped()) {
                end();
            }
            // Not ready: the container calls onWritePossible once the socket takes bytes again.
        } catch (IOException | IllegalStateException e) {
            log.debug("Event stream {} ended: {}", stream.id(), e.toString());
            end();
        } catch (RuntimeException e) {
            log.warn("Event stream {} failed", stream.id(), e);
            end();
        }
    }

    /** Ends the stream and the response, once, whichever way it ended. */
    private void end() {
        if (ended.compareAndSet(false, true)) {
            stream.finish();
            try {
                complete.run();
            } catch (IllegalStateException e) {
                // Already completed by the container (the client went away).
                log.debug("Event stream {} was already complete: {}", stream.id(), e.toString());
            }
        }
    }

    @Override
    public void onComplete(AsyncEvent event) {
        closed();
    }

    /** The response or connection ended without this writer ending it. */
    void closed() {
        ended.set(true);
        stream.finish();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        end();
    }

    @Override
    public void onError(AsyncEvent event) {
        onError(event.getThrowable());
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // Not restarted.
    }
}
