package io.mpaas.master.stream;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.stereotype.Component;

/**
 * Serves event streams as asynchronous responses with non-blocking writes. A stream served with
 * {@link EventStream#serve} parks its request thread for its whole life, and a parked virtual
 * thread keeps its stack (about 18 KB) on the heap: for the agent links, one per agent, that is
 * 350 MB at 20,000 agents. Here a stream holds no thread between events; each wake-up runs on a
 * short-lived virtual thread.
 */
@Component
public class NonBlockingStreams implements AutoCloseable {

    private final ExecutorService writers = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("stream-writer-", 0).factory());

    /**
     * Commits the response's status and headers (set by the caller) and serves {@code stream} on it
     * until the stream is closed or dropped or the client goes away; returns at once. When the
     * response cannot be started the stream is aborted (its close callback runs) and the error
     * thrown.
     *
     * @throws IllegalArgumentException for a stream with a heartbeat: silence is not timed here (the
     *     master pings agents itself)
     */
    public <E> void serve(EventStream<E> stream, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (stream.hasHeartbeat()) {
            throw new IllegalArgumentException("Stream " + stream.id() + " has a heartbeat; serve it blocking");
        }
        try {
            response.flushBuffer();
            AsyncContext async = request.startAsync();
            async.setTimeout(0);
            ServletOutputStream out = response.getOutputStream();
            NonBlockingWriter<E> writer = new NonBlockingWriter<>(stream, out, async::complete, writers);
            async.addListener(writer);
            out.setWriteListener(writer);
        } catch (IOException | RuntimeException e) {
            stream.abort();
            throw e;
        }
    }

    /** Takes no new wake-ups; a drain under way finishes on its own. */
    @Override
    public void close() {
        writers.shutdown();
    }
}
