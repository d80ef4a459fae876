package io.mpaas.master.stream;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.WebConnection;
import java.io.IOException;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An event stream on a connection taken over from the HTTP container ({@code HttpServletRequest.upgrade}),
 * so that the container's request processor, about 50 KB of buffers and request state, goes back to
 * its pool instead of staying with the open response for the life of the stream (see
 * {@link NonBlockingStreams#serveOnReleasedConnection}). The container creates the handler; {@link #attach} gives
 * it its stream before the container calls {@link #init}.
 *
 * <p>The client is not expected to send anything once the stream is open: bytes it sends are read and
 * discarded, and the end of its side of the connection ends the stream at once (without this, a
 * vanished client would only be noticed at the next write).
 */
public final class ReleasedConnection implements HttpUpgradeHandler {

    private static final Logger log = LoggerFactory.getLogger(ReleasedConnection.class);

    private EventStream<?> stream;
    private Executor executor;
    private NonBlockingWriter<?> writer;

    /** Created by the container (public no-argument constructor). */
    public ReleasedConnection() {
    }

    void attach(EventStream<?> stream, Executor executor) {
        this.stream = stream;
        this.executor = executor;
    }

    @Override
    public void init(WebConnection connection) {
        if (stream == null) {
            throw new IllegalStateException("No stream attached to the released connection");
        }
        try {
            ServletOutputStream out = connection.getOutputStream();
            NonBlockingWriter<?> started = writer(stream, out, connection);
            this.writer = started;
            ServletInputStream in = connection.getInputStream();
            in.setReadListener(new ClientSide(in, started));
            out.setWriteListener(started);
        } catch (IOException | RuntimeException e) {
            log.debug("Event stream {} not started on its released connection: {}", stream.id(), e.toString());
            stream.abort();
            closeQuietly(connection);
        }
    }

    private <E> NonBlockingWriter<E> writer(EventStream<E> events, ServletOutputStream out,
            WebConnection connection) {
        return new NonBlockingWriter<>(events, out, () -> closeQuietly(connection), executor);
    }

    private void closeQuietly(WebConnection connection) {
        try {
            connection.close();
        } catch (Exception e) {
            log.debug("Closing the connection of event stream {}: {}", stream.id(), e.toString());
        }
    }

    /** The container is done with the connection, whichever side closed it. */
    @Override
    public void destroy() {
        if (writer != null) {
            writer.closed();
        } else if (stream != null) {
            stream.finish();
        }
    }

    /** Reads what the client sends (nothing, normally) and ends the stream when the client's side ends. */
    private record ClientSide(ServletInputStream in, NonBlockingWriter<?> writer) implements ReadListener {

        @Override
        public void onDataAvailable() throws IOException {
            byte[] discard = new byte[256];
            while (in.isReady() && in.read(discard) != -1) {
                // Nothing is expected from the client on its event stream.
            }
        }

        @Override
        public void onAllDataRead() {
            writer.onError(new IOException("the client closed the connection"));
        }

        @Override
        public void onError(Throwable error) {
            writer.onError(error);
        }
    }
}
