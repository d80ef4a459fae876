package io.mpaas.protocol.agentlink;

import io.mpaas.protocol.http.JsonPoster;
import io.mpaas.protocol.http.RequestHeaders;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * How an agent's calls (status updates, PONGs, messages) reach the master: POSTs that the master
 * answers with 202. A completed future means the master took the call; anything else completes it
 * exceptionally.
 */
public interface LinkCalls extends AutoCloseable {

    /**
     * @param headers name, value pairs; a null value leaves the header out
     */
    CompletableFuture<Void> post(URI uri, byte[] body, Duration timeout, String... headers);

    /** Closes the connections the calls keep; later calls fail. */
    @Override
    default void close() {
    }

    /** Through the JDK client given (which may bound or order them: the simulated agents' channel does). */
    static LinkCalls through(HttpClient http) {
        return (uri, body, timeout, headers) -> {
            HttpRequest request = RequestHeaders.addTo(HttpRequest.newBuilder(uri).timeout(timeout)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)), headers).build();
            return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
                if (response.statusCode() != 202) {
                    throw new IllegalStateException("master answered " + response.statusCode() + ": "
                            + response.body());
                }
                return null;
            });
        };
    }

    /**
     * To an {@code http} master over {@link JsonPoster}'s kept-alive connections, each call on a virtual
     * thread of its own (a real agent's updates and PONGs: the JDK client's asynchronous pipeline cost more
     * CPU than the call itself); to an {@code https} master through {@code https}.
     */
    static LinkCalls keptAlive(HttpClient https) {
        return new KeptAlive(https);
    }

    /** {@link #keptAlive}: one poster for the master's host and port, replaced when the leader moves. */
    final class KeptAlive implements LinkCalls {

        private final LinkCalls https;
        private JsonPoster poster;
        private String posterKey;
        private boolean closed;

        private KeptAlive(HttpClient https) {
            this.https = through(https);
        }

        @Override
        public CompletableFuture<Void> post(URI uri, byte[] body, Duration timeout, String... headers) {
            if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                return https.post(uri, body, timeout, headers);
            }
            JsonPoster target;
            try {
                target = posterFor(uri, timeout);
            } catch (IOException e) {
                return CompletableFuture.failedFuture(e);
            }
            CompletableFuture<Void> result = new CompletableFuture<>();
            Thread.ofVirtual().name("agent-call").start(() -> {
                try {
                    JsonPoster.Response response = target.post(uri.getRawPath(), body, headers);
                    if (response.status() != 202) {
                        result.completeExceptionally(new IllegalStateException("master answered "
                                + response.status() + ": " + response.body()));
                    } else {
                        result.complete(null);
                    }
                } catch (IOException | RuntimeException e) {
                    result.completeExceptionally(e);
                }
            });
            return result;
        }

        private synchronized JsonPoster posterFor(URI uri, Duration timeout) throws IOException {
            if (closed) {
                throw new IOException("closed");
            }
            int port = uri.getPort() < 0 ? 80 : uri.getPort();
            String key = uri.getHost() + ":" + port;
            if (poster == null || !key.equals(posterKey)) {
                if (poster != null) {
                    poster.close();
                }
                poster = new JsonPoster(uri.getHost(), port, timeout, timeout);
                posterKey = key;
            }
            return poster;
        }

        @Override
        public synchronized void close() {
            closed = true;
            if (poster != null) {
                poster.close();
            }
        }
    }
}
