package io.mpaas.gateway.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mpaas.protocol.marathon.AppInfo;
import io.mpaas.protocol.marathon.MarathonJson;
import io.mpaas.protocol.marathon.event.MarathonEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A marathon on a local port, as far as the gateway's feed reads one: {@code /v2/leader}, {@code /v2/apps},
 * {@code /v2/apps/{id}} (the embed query is ignored: tasks are always embedded) and {@code /v2/events} as
 * Server-Sent Events that the benchmark pushes into. A trimmed copy of the marathon package's test fake, which is
 * package-private there; the benchmarks hold apps as protocol records rather than JSON text.
 */
final class BenchMarathon implements AutoCloseable {

    private static final String CLOSE = "\u0000close";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, AppInfo> apps = new ConcurrentHashMap<>();
    private final List<BlockingQueue<String>> streams = new CopyOnWriteArrayList<>();

    BenchMarathon() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Adds or replaces an app (its tasks embedded). */
    void app(AppInfo app) {
        apps.put(app.app().id(), app);
    }

    void removeApp(String id) {
        apps.remove(id);
    }

    int openStreams() {
        return streams.size();
    }

    /** Sends an event to every open stream, as marathon writes it. */
    void push(MarathonEvent event) {
        String frame = "event: " + event.eventType() + "\ndata: " + MarathonJson.write(event) + "\n\n";
        streams.forEach(stream -> stream.add(frame));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            if (path.equals("/v2/leader")) {
                json(exchange, 200, "{\"leader\":\"127.0.0.1:" + server.getAddress().getPort() + "\"}");
            } else if (path.equals("/v2/apps")) {
                json(exchange, 200, "{\"apps\":" + MarathonJson.write(List.copyOf(apps.values())) + "}");
            } else if (path.startsWith("/v2/apps/")) {
                AppInfo app = apps.get(path.substring("/v2/apps".length()));
                if (app == null) {
                    json(exchange, 404, "{\"message\":\"App does not exist\"}");
                } else {
                    json(exchange, 200, "{\"app\":" + MarathonJson.write(app) + "}");
                }
            } else if (path.equals("/v2/events")) {
                events(exchange);
            } else {
                json(exchange, 404, "{\"message\":\"Not found\"}");
            }
        }
    }

    private void events(HttpExchange exchange) throws IOException {
        BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        queue.add("event: event_stream_attached\ndata: {\"remoteAddress\":\"127.0.0.1\","
                + "\"eventType\":\"event_stream_attached\",\"timestamp\":\"2026-01-01T00:00:00.000Z\"}\n\n");
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        streams.add(queue);
        OutputStream out = exchange.getResponseBody();
        try {
            out.flush();
            while (true) {
                String next = queue.take();
                if (CLOSE.equals(next)) {
                    return;
                }
                out.write(next.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // the gateway went away, or the fake is closing
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
        streams.forEach(stream -> stream.add(CLOSE));
        server.stop(0);
        executor.shutdownNow();
    }
}
