package io.mpaas.master.stream;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletException;
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

    /**
     * Like {@link #serve}, but the stream takes the connection over from the HTTP container so that
     * the container's request processor is released while the stream stays open: an open asynchronous
     * response keeps about 50 KB of request state and buffers for its whole life, a released connection
     * a few KB (docs/benchmarks.md, heap per agent link). The response is a 200 with the headers the
     * caller set plus {@code Connection: close}, and its body, the RecordIO records, is delimited by the
     * end of the connection instead of chunked: HTTP/1.1 clients read either the same way (RFC 9112
     * section 6.3), and the connection carries nothing after the stream. The status the container sets
     * for an upgrade (101) is set back to 200 before anything is sent.
     */
    public <E> void serveOnReleasedConnection(EventStream<E> stream, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        if (stream.hasHeartbeat()) {
            throw new IllegalArgumentException("Stream " + stream.id() + " has a heartbeat; serve it blocking");
        }
        try {
            response.setHeader("Connection", "close");
            ReleasedConnection connection = request.upgrade(ReleasedConnection.class);
            connection.attach(stream, writers);
            response.setStatus(HttpServletResponse.SC_OK);
            response.flushBuffer();
        } catch (ServletException e) {
            stream.abort();
            throw new IOException("Event stream " + stream.id() + " could not take its connection over", e);
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
