package io.mpaas.marathon.event;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP callback URL and the virtual thread that POSTs it every event, in order, as JSON. Its queue is bounded:
 * when the URL falls {@code callbackQueueCapacity} events behind, newer events are dropped for it (and counted).
 * A failed POST (no answer within the timeout, or a status other than 2xx) is retried with doubling pauses while
 * the URL has been healthy; once it is failing, each event gets one attempt, so that a dead URL drains its queue
 * quickly. A URL that has failed every delivery for {@code callbackRemoveAfter} is handed to {@code onDead}
 * (which unsubscribes it). Nothing here blocks or fails anyone but this URL's own thread.
 */
final class CallbackSubscriber {

    private static final Logger log = LoggerFactory.getLogger(CallbackSubscriber.class);

    private final String url;
    private final URI uri;
    private final HttpClient http;
    private final EventsProperties properties;
    private final Clock clock;
    private final Consumer<CallbackSubscriber> onDead;
    private final BlockingQueue<String> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final Thread worker;
    private volatile boolean running = true;
    /** When the current run of failed deliveries began; null while deliveries succeed. Written by the worker. */
    private volatile Instant failingSince;

    CallbackSubscriber(String url, HttpClient http, EventsProperties properties, Clock clock,
            Consumer<CallbackSubscriber> onDead) {
        this.url = url;
        this.uri = URI.create(url);
        this.http = http;
        this.properties = properties;
        this.clock = clock;
        this.onDead = onDead;
        this.queue = new LinkedBlockingQueue<>(properties.callbackQueueCapacity());
        this.worker = Thread.ofVirtual().name("event-callback " + url).unstarted(this::run);
    }

    String url() {
        return url;
    }

    /** Since when every delivery has failed; null while the URL takes events. */
    Instant failingSince() {
        return failingSince;
    }

    /** Events dropped because the queue was full. */
    long dropped() {
        return dropped.get();
    }

    void start() {
        worker.start();
    }

    /** Stops the worker; an event being delivered is abandoned. */
    void stop() {
        running = false;
        worker.interrupt();
    }

    /** Queues one event's JSON; never blocks. */
    void offer(String json) {
        if (!running || queue.offer(json)) {
            return;
        }
        long total = dropped.incrementAndGet();
        if ((total - 1) % properties.callbackQueueCapacity() == 0) {
            log.warn("Event callback {} is {} events behind; dropping events for it ({} so far)", url,
                    properties.callbackQueueCapacity(), total);
        }
    }

    private void run() {
        try {
            while (running) {
                String json = queue.take();
                if (deliver(json)) {
                    failingSince = null;
                    continue;
                }
                if (!running) {
                    break;
                }
                Instant now = clock.instant();
                if (failingSince == null) {
                    failingSince = now;
                }
                if (!now.isBefore(failingSince.plus(properties.callbackRemoveAfter()))) {
                    log.warn("Event callback {} has failed since {}; unsubscribing it", url, failingSince);
                    running = false;
                    queue.clear();
                    onDead.accept(this);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("Event callback worker for {} failed", url, e);
        }
    }

    /** POSTs one event, with retries while the URL is not known to be failing. */
    private boolean deliver(String json) throws InterruptedException {
        int attempts = failingSince == null ? 1 + properties.callbackRetries() : 1;
        Duration pause = properties.callbackRetryBackoff();
        for (int attempt = 1; running; attempt++) {
            if (post(json)) {
                return true;
            }
            if (attempt >= attempts) {
                return false;
            }
            Thread.sleep(pause);
            pause = pause.multipliedBy(2);
        }
        return false;
    }

    private boolean post(String json) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(properties.callbackTimeout())
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 == 2) {
                return true;
            }
            log.debug("Event callback {} answered {}", url, status);
        } catch (IOException | IllegalArgumentException e) {
            log.debug("Event callback {} failed: {}", url, e.toString());
        }
        return false;
    }

    @Override
    public String toString() {
        return "event callback " + url;
    }
}
