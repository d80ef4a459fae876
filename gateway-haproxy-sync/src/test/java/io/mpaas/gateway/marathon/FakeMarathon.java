package io.mpaas.gateway.marathon;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A marathon on a real local port, as far as the feed uses one: {@code /v2/leader}, {@code /v2/apps},
 * {@code /v2/apps/{id}} and {@code /v2/events} as Server-Sent Events that the test pushes into and closes.
 * Every request is recorded. Each request gets its own virtual thread, so open streams block nobody.
 */
public final class FakeMarathon implements AutoCloseable {

    /** One request as received. */
    record Request(String method, String path, String query, String authorization, String accept, long atNanos) {
    }

    private static final String CLOSE = "\u0000close";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, String> apps = new ConcurrentHashMap<>();
    private final Queue<Request> requests = new ConcurrentLinkedQueue<>();
    private final List<BlockingQueue<String>> streams = new CopyOnWriteArrayList<>();
    private final AtomicInteger streamsOpened = new AtomicInteger();
    private final AtomicInteger appReadsInFlight = new AtomicInteger();

    private volatile String leader;
    private volatile boolean leaderKnown = true;
    private volatile URI redirectEventsTo;
    private volatile boolean sendAttached = true;
    private volatile Duration heartbeat;
    private volatile CountDownLatch appReadGate;
    /** Decides a status for a request before it is served: 200 serves it, anything else is answered as is. */
    private volatile Function<Request, Integer> gate = request -> 200;

    public FakeMarathon() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        leader = hostPort();
    }

    public URI url() {
        return URI.create("http://" + hostPort());
    }

    String hostPort() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Adds or replaces an app; {@code json} is its definition with whatever was embedded. */
    public FakeMarathon app(String id, String json) {
        apps.put(id, json);
        return this;
    }

    public FakeMarathon removeApp(String id) {
        apps.remove(id);
        return this;
    }

    /** Names another leader in {@code /v2/leader}. */
    FakeMarathon leader(String hostPort) {
        leader = hostPort;
        return this;
    }

    /** Whether a leader is known: when not, {@code /v2/leader} answers 404, as marathon does then. */
    FakeMarathon leaderKnown(boolean known) {
        leaderKnown = known;
        return this;
    }

    /** Answers {@code /v2/events} with a 302 there, as a standby does. */
    FakeMarathon redirectEventsTo(URI leaderUrl) {
        redirectEventsTo = leaderUrl;
        return this;
    }

    /** Whether a new stream starts with its own {@code event_stream_attached} (marathon's does). */
    FakeMarathon sendAttached(boolean send) {
        sendAttached = send;
        return this;
    }

    /** Writes a keepalive comment after this much silence on each stream; null for none. */
    FakeMarathon heartbeat(Duration interval) {
        heartbeat = interval;
        return this;
    }

    FakeMarathon gate(Function<Request, Integer> statusFor) {
        gate = statusFor;
        return this;
    }

    /** Holds every {@code /v2/apps/{id}} read until the returned latch is counted down. */
    CountDownLatch holdAppReads() {
        CountDownLatch latch = new CountDownLatch(1);
        appReadGate = latch;
        return latch;
    }

    int appReadsInFlight() {
        return appReadsInFlight.get();
    }

    /** Sends an event to every open stream. */
    public void push(String eventType, String json) {
        String frame = "event: " + eventType + "\ndata: " + json + "\n\n";
        streams.forEach(stream -> stream.add(frame));
    }

    /** Ends every open stream, as a marathon that steps down or restarts does. */
    void closeStreams() {
        streams.forEach(stream -> stream.add(CLOSE));
    }

    public int openStreams() {
        return streams.size();
    }

    int streamsOpened() {
        return streamsOpened.get();
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    List<Request> requests(String path) {
        return requests.stream().filter(request -> request.path().equals(path)).toList();
    }

    int fullReads() {
        return requests("/v2/apps").size();
    }

    private void handle(HttpExchange exchange) throws IOException {
        Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("Accept"), System.nanoTime());
        requests.add(request);
        try (exchange) {
            int status = gate.apply(request);
            if (status != 200) {
                json(exchange, status, "{\"message\":\"Refused by the test (" + status + ")\"}");
                return;
            }
            String path = request.path();
            if (path.equals("/v2/leader")) {
                if (leaderKnown) {
                    json(exchange, 200, "{\"leader\":\"" + leader + "\"}");
                } else {
                    json(exchange, 404, "{\"message\":\"There is no leader\"}");
                }
            } else if (path.equals("/v2/apps")) {
                json(exchange, 200, "{\"apps\":[" + String.join(",", apps.values()) + "]}");
            } else if (path.startsWith("/v2/apps/")) {
                readApp(exchange, path.substring("/v2/apps".length()));
            } else if (path.equals("/v2/events")) {
                events(exchange);
            } else {
                json(exchange, 404, "{\"message\":\"Not found\"}");
            }
        }
    }

    private void readApp(HttpExchange exchange, String id) throws IOException {
        appReadsInFlight.incrementAndGet();
        try {
            CountDownLatch hold = appReadGate;
            if (hold != null) {
                hold.await(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            appReadsInFlight.decrementAndGet();
        }
        String app = apps.get(id);
        if (app == null) {
            json(exchange, 404, "{\"message\":\"App '" + id + "' does not exist\"}");
        } else {
            json(exchange, 200, "{\"app\":" + app + "}");
        }
    }

    private void events(HttpExchange exchange) throws IOException {
        URI redirect = redirectEventsTo;
        if (redirect != null) {
            String query = exchange.getRequestURI().getRawQuery();
            exchange.getResponseHeaders().add("Location", redirect + "/v2/events" + (query == null ? "" : "?" + query));
            exchange.sendResponseHeaders(302, -1);
            return;
        }
        BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        if (sendAttached) {
            queue.add("event: event_stream_attached\ndata: {\"remoteAddress\":\"127.0.0.1\","
                    + "\"eventType\":\"event_stream_attached\",\"timestamp\":\"2024-05-01T10:00:00.000Z\"}\n\n");
        }
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        streams.add(queue);
        streamsOpened.incrementAndGet();
        OutputStream out = exchange.getResponseBody();
        try {
            out.flush();
            while (true) {
                Duration beat = heartbeat;
                String next = beat == null ? queue.take() : queue.poll(beat.toMillis(), TimeUnit.MILLISECONDS);
                if (CLOSE.equals(next)) {
                    return;
                }
                out.write((next == null ? ":\n\n" : next).getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // the client went away, or the fake is closing
        } finally {
            streams.remove(queue);
        }
    }

    private static void json(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        closeStreams();
        CountDownLatch hold = appReadGate;
        if (hold != null) {
            hold.countDown();
        }
        server.stop(0);
        executor.shutdownNow();
    }
}
