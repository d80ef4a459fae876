package io.mpaas.marathon.event;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Marathon's HTTP callbacks ({@code --event_subscriber http_callback}, the {@code /v2/eventSubscriptions} API that
 * Marathon 1.5 removed and old clients still use): every event is POSTed as JSON to every registered URL, each URL
 * served by its own {@link CallbackSubscriber} so that a slow or dead one delays nobody else.
 *
 * <p>The registered URLs live in the {@link EventSubscriptionRepository}; this keeps a worker per stored URL. It
 * reads the store when it starts and again every {@code subscriptionRefreshInterval} (on a thread of its own,
 * prompted by the next event), so that a marathon that becomes leader serves the subscriptions made through the
 * previous one. Changes to the store and to the workers happen under one lock, so a refresh cannot undo a
 * subscribe that ran meanwhile.
 */
@Component
class CallbackDispatcher implements EventSink, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CallbackDispatcher.class);

    private final EventSubscriptionRepository repository;
    private final EventsProperties properties;
    private final Clock clock;
    private final HttpClient http;
    private final Map<String, CallbackSubscriber> subscribers = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile Instant nextRefresh = Instant.MIN;
    private volatile boolean running;

    CallbackDispatcher(EventSubscriptionRepository repository, EventsProperties properties, Clock clock) {
        this.repository = repository;
        this.properties = properties;
        this.clock = clock;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.callbackTimeout()).followRedirects(HttpClient.Redirect.NEVER)
                .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    }

    /**
     * Whether {@code url} can be a callback: an absolute http or https URL with a host. Marathon answers anything
     * else with 422.
     */
    static boolean isValidUrl(String url) {
        if (url == null || url.isBlank()) {
            return false;
        }
        try {
            URI uri = new URI(url);
            String scheme = Optional.ofNullable(uri.getScheme()).orElse("").toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /** The registered URLs, as stored. */
    List<String> callbackUrls() {
        return repository.all();
    }

    /** Registers {@code url} (once, however often it is added) and starts delivering to it. */
    void subscribe(String url) {
        synchronized (lock) {
            repository.add(url);
            ensureWorker(url);
        }
    }

    /** Unregisters {@code url}; returns whether it was registered. */
    boolean unsubscribe(String url) {
        synchronized (lock) {
            boolean removed = repository.remove(url);
            stopWorker(url);
            return removed;
        }
    }

    @Override
    public void offer(String eventType, String json) {
        refreshWhenDue();
        for (CallbackSubscriber subscriber : subscribers.values()) {
            subscriber.offer(json);
        }
    }

    /** Whether any callback URL is subscribed; also starts the periodic re-read of the subscriptions when due. */
    @Override
    public boolean isListening() {
        refreshWhenDue();
        return !subscribers.isEmpty();
    }

    /** The worker of {@code url}, if it is being served. */
    Optional<CallbackSubscriber> subscriber(String url) {
        return Optional.ofNullable(subscribers.get(url));
    }

    /** Makes the workers match the store: a worker for each stored URL, none for others. */
    void refresh() {
        synchronized (lock) {
            Set<String> stored = new HashSet<>(repository.all());
            stored.forEach(this::ensureWorker);
            Set.copyOf(subscribers.keySet()).stream().filter(url -> !stored.contains(url)).forEach(this::stopWorker);
        }
    }

    private void refreshWhenDue() {
        Instant now = clock.instant();
        if (now.isBefore(nextRefresh) || !refreshing.compareAndSet(false, true)) {
            return;
        }
        nextRefresh = now.plus(properties.subscriptionRefreshInterval());
        Thread.ofVirtual().name("event-callback-refresh").start(() -> {
            try {
                refresh();
            } catch (RuntimeException e) {
                log.warn("Could not re-read the event subscriptions; keeping the known ones", e);
            } finally {
                refreshing.set(false);
            }
        });
    }

    /** A subscriber that failed for too long: unsubscribed for good. */
    private void removeDead(CallbackSubscriber subscriber) {
        synchronized (lock) {
            if (subscribers.remove(subscriber.url(), subscriber)) {
                try {
                    repository.remove(subscriber.url());
                } catch (RuntimeException e) {
                    log.warn("Could not unsubscribe the failing callback {}; it is tried again after the next refresh",
                            subscriber.url(), e);
                }
            }
        }
    }

    private void ensureWorker(String url) {
        subscribers.computeIfAbsent(url, u -> {
            CallbackSubscriber subscriber = new CallbackSubscriber(u, http, properties, clock, this::removeDead);
            subscriber.start();
            return subscriber;
        });
    }

    private void stopWorker(String url) {
        CallbackSubscriber subscriber = subscribers.remove(url);
        if (subscriber != null) {
            subscriber.stop();
        }
    }

    /** Reads the stored subscriptions; a store that cannot be read now is read again with the next event. */
    @Override
    public void start() {
        running = true;
        try {
            refresh();
            nextRefresh = clock.instant().plus(properties.subscriptionRefreshInterval());
        } catch (RuntimeException e) {
            log.warn("Could not read the event subscriptions; trying again with the next event", e);
        }
    }

    @Override
    public void stop() {
        running = false;
        synchronized (lock) {
            Set.copyOf(subscribers.keySet()).forEach(this::stopWorker);
        }
        http.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
