package io.mpaas.agent.link;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * At most {@code limit} calls to the master in flight; the others wait, in order, and go out
 * as earlier ones are answered (or fail). A burst of five hundred launches otherwise makes five
 * hundred status updates at once, and HTTP/1.1 gives each its own connection: hundreds of
 * connections opened and closed on both sides, which costs more CPU than the updates
 * themselves. A Mesos agent sends its messages over one connection; a few in flight keep the
 * master's latency hidden without the storm. Never blocks the caller.
 */
final class SendWindow {

    private final int limit;
    private final Queue<Supplier<CompletableFuture<?>>> waiting = new ArrayDeque<>();
    private int inFlight;

    SendWindow(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, not " + limit);
        }
        this.limit = limit;
    }

    /** Starts {@code call} now if the window has room, else when it has. */
    void submit(Supplier<CompletableFuture<?>> call) {
        synchronized (this) {
            if (inFlight >= limit) {
                waiting.add(call);
                return;
            }
            inFlight++;
        }
        start(call);
    }

    /** Runs {@code call} and, as long as the calls it hands on to finish at once, the next waiting ones. */
    private void start(Supplier<CompletableFuture<?>> call) {
        Supplier<CompletableFuture<?>> next = call;
        while (next != null) {
            CompletableFuture<?> sent;
            try {
                sent = next.get();
            } catch (RuntimeException e) {
                sent = CompletableFuture.failedFuture(e);
            }
            if (!sent.isDone()) {
                sent.whenComplete((ignored, failure) -> {
                    Supplier<CompletableFuture<?>> following = release();
                    if (following != null) {
                        start(following);
                    }
                });
                return;
            }
            next = release();
        }
    }

    /** A call ended: the next waiting one takes its place (returned), or the window has one more free slot. */
    private synchronized Supplier<CompletableFuture<?>> release() {
        Supplier<CompletableFuture<?>> next = waiting.poll();
        if (next == null) {
            inFlight--;
        }
        return next;
    }

    /** Calls started and not yet answered, and calls waiting (for tests and metrics). */
    synchronized int inFlight() {
        return inFlight;
    }

    synchronized int waiting() {
        return waiting.size();
    }
}
