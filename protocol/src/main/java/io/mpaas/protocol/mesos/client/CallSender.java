package io.mpaas.protocol.mesos.client;

import io.mpaas.protocol.mesos.MesosJson;
import io.mpaas.protocol.mesos.scheduler.Call;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Posts one call to the master of the current subscription, on its own connection, with the
 * subscription's {@code Mesos-Stream-Id}, and turns anything but 202 into a
 * {@link SchedulerCallException}.
 */
final class CallSender {

    private final HttpClient http;
    private final SchedulerClientSettings settings;
    private volatile boolean closed;

    CallSender(HttpClient http, SchedulerClientSettings settings) {
        this.http = http;
        this.settings = settings;
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
        exchange.whenComplete((response, error) -> {
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
        });
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
