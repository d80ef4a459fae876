package io.mpaas.marathon.framework;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * At most {@code size} calls to the master in flight; later ones wait here, in order, and start as
 * earlier ones are answered. Without it a launch burst sends every acknowledgement at once: 10,000
 * status updates became thousands of simultaneous HTTP connections to the master, and the JDK
 * client's connection pool, whose bookkeeping is linear in its size, made each further call slower
 * (seen in the launch benchmark: a tenth of marathon's CPU in {@code ConnectionPool$ExpiryList.remove}).
 * Mesos's own scheduler driver sends its calls over one connection.
 */
final class CallWindow {

    private final int size;
    private final Queue<Supplier<CompletableFuture<?>>> waiting = new ArrayDeque<>();
    private int inFlight;

    CallWindow(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be positive: " + size);
        }
        this.size = size;
    }

    /** Starts {@code call} now if the window has room, else when it has; never blocks. */
    void submit(Supplier<CompletableFuture<?>> call) {
        synchronized (this) {
            if (inFlight >= size) {
                waiting.add(call);
                return;
            }
            inFlight++;
        }
        run(call);
    }

    /** Runs calls until one is still in flight (it continues the queue when answered) or none waits. */
    private void run(Supplier<CompletableFuture<?>> first) {
        Supplier<CompletableFuture<?>> call = first;
        while (call != null) {
            CompletableFuture<?> answer;
            try {
                answer = call.get();
            } catch (RuntimeException e) {
                answer = null;
            }
            if (answer != null && !answer.isDone()) {
                answer.whenComplete((result, error) -> run(next()));
                return;
            }
            call = next();
        }
    }

    /** The next waiting call, keeping its slot; null (and the slot freed) when none waits. */
    private synchronized Supplier<CompletableFuture<?>> next() {
        Supplier<CompletableFuture<?>> call = waiting.poll();
        if (call == null) {
            inFlight--;
        }
        return call;
    }

    /** Calls waiting for room (for tests). */
    synchronized int waiting() {
        return waiting.size();
    }

    /** Calls in flight (for tests). */
    synchronized int inFlight() {
        return inFlight;
    }
}
