package io.mpaas.protocol.mesos.client;

import io.mpaas.protocol.http.JsonPoster;
import io.mpaas.protocol.mesos.MesosJson;
import io.mpaas.protocol.mesos.scheduler.Call;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/**
 * Posts one call to the master of the current subscription with the subscription's
 * {@code Mesos-Stream-Id}, and turns anything but 202 into a {@link SchedulerCallException}.
 *
 * <p>Calls to an {@code http} master go through a {@link JsonPoster} per master, a blocking exchange on
 * one of the client's (virtual) threads over a kept-alive connection: a framework sends two
 * acknowledgements per task it launches, and in marathon's launch benchmark the JDK {@code HttpClient}
 * cost more CPU per call than the master spent answering it. Other schemes
 * ({@code https}) go through the JDK client.
 */
final class CallSender {

    private final HttpClient http;
    private final SchedulerClientSettings settings;
    private final Executor completions;
    private final ExecutorService exchanges;
    private final Map<String, JsonPoster> posters = new ConcurrentHashMap<>();
    private volatile Endpoint lastEndpoint;
    private volatile boolean closed;

    /**
     * @param completions where the returned futures complete, so that stages chained on them run on
     *                    the client's threads; the JDK would complete them on the common pool
     */
    CallSender(HttpClient http, SchedulerClientSettings settings, ExecutorService completions) {
        this.http = http;
        this.settings = settings;
        this.exchanges = completions;
        // Once the client is closed its executor refuses work: complete on the calling thread then.
        this.completions = task -> {
            try {
                completions.execute(task);
            } catch (RejectedExecutionException e) {
                task.run();
            }
        };
    }

    /** Completes when the master has queued the call (202); fails with a {@link SchedulerCallException}. */
    CompletableFuture<Void> send(Subscription subscription, Call call) {
        if (closed) {
            return failure(SchedulerCallException.Code.CLOSED, call.type(), 0, "", null);
        }
        SchedulerEndpoint endpoint = new SchedulerEndpoint(subscription.master());
        URI uri = uriOf(endpoint);
        if ("http".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null) {
            return post(uri, call, subscription.streamId());
        }
        HttpRequest request = endpoint.post(MesosJson.write(call), settings, subscription.streamId()).build();
        // Completed by hand rather than by thenApply, so that callers see our exception unwrapped.
        CompletableFuture<Void> result = new CompletableFuture<>();
        CompletableFuture<HttpResponse<String>> exchange;
        try {
            exchange = http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        } catch (RuntimeException e) {
            // The HTTP client was shut down between our closed check and the send.
            return failure(SchedulerCallException.Code.CLOSED, call.type(), 0, MasterConnector.describe(e), e);
        }
        exchange.whenCompleteAsync((response, error) -> {
            if (error != null) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                SchedulerCallException.Code code = closed
                        ? SchedulerCallException.Code.CLOSED : SchedulerCallException.Code.UNREACHABLE;
                result.completeExceptionally(new SchedulerCallException(code, call.type(), 0,
                        MasterConnector.describe(cause), cause));
            } else if (response.statusCode() == 202) {
                result.complete(null);
            } else {
                result.completeExceptionally(new SchedulerCallException(SchedulerCallException.Code.REJECTED,
                        call.type(), response.statusCode(), response.body().strip(), null));
            }
        }, completions);
        return result;
    }

    /** The endpoint's URI, parsed once per master rather than once per call. */
    private URI uriOf(SchedulerEndpoint endpoint) {
        Endpoint last = lastEndpoint;
        if (last == null || !last.endpoint().equals(endpoint)) {
            last = new Endpoint(endpoint, endpoint.uri());
            lastEndpoint = last;
        }
        return last.uri();
    }

    private record Endpoint(SchedulerEndpoint endpoint, URI uri) {
    }

    /**
     * The call as a blocking exchange on one of the client's threads, through the master's {@link JsonPoster}.
     * Encoded there too, not on the caller's thread: an ACCEPT of a hundred tasks is a lot of JSON, and
     * the caller is a scheduler's loop.
     */
    private CompletableFuture<Void> post(URI uri, Call call, String streamId) {
        Call.Type type = call.type();
        CompletableFuture<Void> result = new CompletableFuture<>();
        Runnable exchange = () -> {
            byte[] body;
            try {
                body = MesosJson.write(call);
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
                return;
            }
            try {
                JsonPoster.Response response = poster(uri).post(uri.getRawPath(), body,
                        SchedulerEndpoint.headers(settings, streamId));
                if (response.status() == 202) {
                    result.complete(null);
                } else {
                    result.completeExceptionally(new SchedulerCallException(SchedulerCallException.Code.REJECTED,
                            type, response.status(), response.body().strip(), null));
                }
            } catch (IOException | RuntimeException e) {
                SchedulerCallException.Code code = closed
                        ? SchedulerCallException.Code.CLOSED : SchedulerCallException.Code.UNREACHABLE;
                result.completeExceptionally(new SchedulerCallException(code, type, 0, MasterConnector.describe(e), e));
            }
        };
        try {
            exchanges.execute(exchange);
        } catch (RejectedExecutionException e) {
            return failure(SchedulerCallException.Code.CLOSED, type, 0, MasterConnector.describe(e), e);
        }
        return result;
    }

    private JsonPoster poster(URI uri) {
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        String key = uri.getHost() + ":" + port;
        JsonPoster poster = posters.computeIfAbsent(key, k -> new JsonPoster(uri.getHost(), port,
                settings.connectTimeout(), settings.requestTimeout()));
        if (closed) {
            poster.close();
        }
        return poster;
    }

    /** Later calls fail with {@link SchedulerCallException.Code#CLOSED}; calls in flight too, once aborted. */
    void close() {
        closed = true;
        posters.values().forEach(JsonPoster::close);
    }

    static CompletableFuture<Void> failure(SchedulerCallException.Code code, Call.Type type, int status, String body,
            Throwable cause) {
        return CompletableFuture.failedFuture(new SchedulerCallException(code, type, status, body, cause));
    }
}
