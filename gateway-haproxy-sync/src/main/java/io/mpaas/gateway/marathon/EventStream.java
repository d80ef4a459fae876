package io.mpaas.gateway.marathon;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpResponse.ResponseInfo;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code GET /v2/events} response: opened, read line by line as the HTTP client delivers it (on the client's
 * threads, so an event is handed on the moment its blank line arrives), and watched for silence. Used once.
 */
final class EventStream implements Flow.Subscriber<String> {

    private static final Logger log = LoggerFactory.getLogger(EventStream.class);

    /** A standby's answer: the event stream is served by the leader at {@code location}. */
    static final class Redirected extends IOException {
        private final URI location;

        Redirected(URI location) {
            super("redirected to " + location);
            this.location = location;
        }

        /** The scheme and authority of the target, where the feed asks for everything else too. */
        URI base() {
            return URI.create(location.getScheme() + "://" + location.getRawAuthority());
        }
    }

    private final MarathonClient client;
    private final URI base;
    private final Clock clock;
    private final Consumer<SseFrames.Frame> onFrame;
    private final SseFrames frames = new SseFrames();
    private final CompletableFuture<Void> opened = new CompletableFuture<>();
    private volatile CompletableFuture<HttpResponse<String>> response;
    private volatile Flow.Subscription subscription;
    private volatile boolean cancelled;
    private volatile Instant lastActivity;

    /** {@code onFrame} runs on the HTTP client's thread, one frame at a time; it must not block. */
    EventStream(MarathonClient client, URI base, Clock clock, Consumer<SseFrames.Frame> onFrame) {
        this.client = client;
        this.base = base;
        this.clock = clock;
        this.onFrame = onFrame;
    }

    /**
     * Sends the request and waits for a 200 with an event stream.
     *
     * @throws Redirected                        when a standby points at the leader
     * @throws MarathonClient.StatusException    for any other answer
     * @throws IOException                       when the connection fails or the headers take longer than
     *                                           {@code headerTimeout}
     */
    void open(List<String> eventTypes, Duration headerTimeout) throws IOException, InterruptedException {
        CompletableFuture<HttpResponse<String>> sent = client.events(base, eventTypes, handler());
        response = sent;
        try {
            CompletableFuture.anyOf(opened, sent).get(headerTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            cancel();
            throw new IOException("no answer to /v2/events within " + headerTimeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            cancel();
            throw asIoException(e.getCause());
        } catch (InterruptedException e) {
            cancel();
            throw e;
        }
        if (opened.isDone()) {
            return;
        }
        HttpResponse<String> answer = sent.join();
        int status = answer.statusCode();
        if (status / 100 == 3) {
            var location = answer.headers().firstValue("Location");
            if (location.isPresent()) {
                throw new Redirected(base.resolve(location.get()));
            }
        }
        throw new MarathonClient.StatusException("/v2/events", status, status == 200
                ? "not an event stream (" + answer.headers().firstValue("Content-Type").orElse("no type") + ")"
                : answer.body());
    }

    /**
     * Blocks until the stream ends and says why: marathon closed it, the connection failed, or it was silent
     * for {@code idleTimeout} (zero: never cut for silence), in which case it is cancelled here.
     */
    String awaitEnd(Duration idleTimeout) throws InterruptedException {
        try {
            while (true) {
                try {
                    if (idleTimeout.isZero()) {
                        response.get();
                    } else {
                        Duration left = idleTimeout.minus(Duration.between(lastActivity, clock.instant()));
                        if (left.isNegative() || left.isZero()) {
                            cancel();
                            return "the event stream was silent for " + idleTimeout.toMillis() + " ms";
                        }
                        response.get(left.toMillis() + 1, TimeUnit.MILLISECONDS);
                    }
                    return "marathon ended the event stream";
                } catch (TimeoutException e) {
                    // look at the silence again
                }
            }
        } catch (ExecutionException e) {
            return "the event stream failed: " + e.getCause();
        } catch (CancellationException e) {
            return "the event stream was cancelled";
        } catch (InterruptedException e) {
            cancel();
            throw e;
        }
    }

    /** Closes the stream (and its connection) from any thread. */
    void cancel() {
        cancelled = true;
        Flow.Subscription current = subscription;
        if (current != null) {
            current.cancel();
        }
        CompletableFuture<HttpResponse<String>> sent = response;
        if (sent != null) {
            sent.cancel(true);
        }
    }

    private BodyHandler<String> handler() {
        return (ResponseInfo info) -> {
            String type = info.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
            if (info.statusCode() == 200 && type.startsWith("text/event-stream")) {
                lastActivity = clock.instant();
                opened.complete(null);
                return BodySubscribers.fromLineSubscriber(this, self -> "", StandardCharsets.UTF_8, null);
            }
            return BodySubscribers.ofString(StandardCharsets.UTF_8);
        };
    }

    @Override
    public void onSubscribe(Flow.Subscription newSubscription) {
        subscription = newSubscription;
        if (cancelled) {
            newSubscription.cancel();
        } else {
            newSubscription.request(Long.MAX_VALUE);
        }
    }

    @Override
    public void onNext(String line) {
        lastActivity = clock.instant();
        frames.accept(line).ifPresent(frame -> {
            try {
                onFrame.accept(frame);
            } catch (RuntimeException e) {
                log.warn("Handling a {} event from {} failed", frame.event(), base, e);
            }
        });
    }

    @Override
    public void onError(Throwable error) {
        // the response future fails with it; awaitEnd reports it
    }

    @Override
    public void onComplete() {
        // the response future completes; awaitEnd reports it
    }

    private static IOException asIoException(Throwable cause) {
        return cause instanceof IOException io ? io : new IOException(cause);
    }
}
