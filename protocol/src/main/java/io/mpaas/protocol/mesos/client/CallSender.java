package io.mpaas.protocol.mesos.client;

import io.mpaas.protocol.mesos.MesosJson;
import io.mpaas.protocol.mesos.scheduler.Call;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/**
 * Posts one call to the master of the current subscription, on its own connection, with the
 * subscription's {@code Mesos-Stream-Id}, and turns anything but 202 into a
 * {@link SchedulerCallException}.
 */
final class CallSender {

    private final HttpClient http;
    private final SchedulerClientSettings settings;
    private final Executor completions;
    private volatile boolean closed;

    /**
     * @param completions where the returned futures complete, so that stages chained on them run on
     *                    the client's threads; the JDK would complete them on the common pool
     */
    CallSender(HttpClient http, SchedulerClientSettings settings, ExecutorService completions) {
        this.http = http;
        this.settings = settings;
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
        HttpRequest request = new SchedulerEndpoint(subscription.master())
                .post(MesosJson.write(call), settings)
                .header("Mesos-Stream-Id", subscription.streamId())
                .build();
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

    /** Later calls fail with {@link SchedulerCallException.Code#CLOSED}; calls in flight too, once aborted. */
    void close() {
        closed = true;
    }

    static CompletableFuture<Void> failure(SchedulerCallException.Code code, Call.Type type, int status, String body,
            Throwable cause) {
        return CompletableFuture.failedFuture(new SchedulerCallException(code, type, status, body, cause));
    }
}
