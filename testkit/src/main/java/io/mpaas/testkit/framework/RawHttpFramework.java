package io.mpaas.testkit.framework;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Mesos v1 HTTP framework written as a third party would write it: plain HTTP, hand-written
 * JSON, its own RecordIO parsing, a generic JSON tree; none of this project's wire types or clients.
 */
public final class RawHttpFramework implements AutoCloseable {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final URI endpoint;
    private final String authorization;
    private final HttpClient http = HttpClient.newHttpClient();
    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    private volatile InputStream stream;
    /** Counted down by the reader when the master ends the stream. */
    private final java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);
    private final java.util.Deque<JsonNode> passedOver = new java.util.ArrayDeque<>();
    private String streamId;
    private String frameworkId;

    public RawHttpFramework(URI master, String principal, String secret) {
        this.endpoint = master.resolve("/api/v1/scheduler");
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((principal + ":" + secret)
                .getBytes(StandardCharsets.UTF_8));
    }

    public String frameworkId() {
        return frameworkId;
    }

    /** Subscribes and starts reading events on a thread of its own; returns the first event. */
    public JsonNode subscribe(String frameworkInfoJson) throws Exception {
        return subscribe(frameworkInfoJson, null);
    }

    /**
     * Subscribes, or re-subscribes as {@code failoverId} (which {@code frameworkInfoJson} must then
     * carry as its {@code id}), and starts reading events; returns the first event.
     */
    public JsonNode subscribe(String frameworkInfoJson, String failoverId) throws Exception {
        String idField = failoverId == null ? "" : "\"framework_id\":{\"value\":\"" + failoverId + "\"},";
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString("{" + idField
                        + "\"type\":\"SUBSCRIBE\",\"subscribe\":{\"framework_info\":" + frameworkInfoJson + "}}"))
                .build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("SUBSCRIBE answered " + response.statusCode() + ": "
                    + new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
        }
        streamId = response.headers().firstValue("Mesos-Stream-Id").orElseThrow();
        stream = response.body();
        Thread.ofVirtual().start(this::read);
        JsonNode first = next(Duration.ofSeconds(30));
        frameworkId = first.path("subscribed").path("framework_id").path("value").asString();
        return first;
    }

    private void read() {
        try {
            while (true) {
                int length = 0;
                int b;
                while ((b = stream.read()) != '\n') {
                    if (b < 0) {
                        return;
                    }
                    length = length * 10 + (b - '0');
                }
                byte[] record = stream.readNBytes(length);
                events.add(JSON.readTree(record));
            }
        } catch (IOException e) {
            // stream closed
        } finally {
            ended.countDown();
        }
    }

    /** The next event, skipping heartbeats (events passed over by {@link #next(String, Duration)} come first). */
    public JsonNode next(Duration timeout) throws InterruptedException {
        synchronized (passedOver) {
            if (!passedOver.isEmpty()) {
                return passedOver.removeFirst();
            }
        }
        return nextFromStream(timeout);
    }

    private JsonNode nextFromStream(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (event == null) {
                throw new AssertionError("no event within " + timeout);
            }
            if (!"HEARTBEAT".equals(event.path("type").asString())) {
                return event;
            }
        }
    }

    /**
     * The next event of this type. Events of other types are kept, in order, for later calls:
     * an offer that arrives while a test waits for an update is not lost (the master would not
     * offer those resources again while the framework holds the offer).
     */
    public JsonNode next(String type, Duration timeout) throws InterruptedException {
        synchronized (passedOver) {
            for (var it = passedOver.iterator(); it.hasNext(); ) {
                JsonNode event = it.next();
                if (type.equals(event.path("type").asString())) {
                    it.remove();
                    return event;
                }
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode event = nextFromStream(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (type.equals(event.path("type").asString())) {
                return event;
            }
            synchronized (passedOver) {
                passedOver.addLast(event);
            }
        }
    }

    /** The first UPDATE of {@code taskId} in {@code state}, acknowledging every update on the way. */
    public JsonNode awaitUpdate(String taskId, String state, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode event = next("UPDATE", Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            JsonNode status = event.path("update").path("status");
            acknowledge(status);
            if (taskId.equals(status.path("task_id").path("value").asString())
                    && state.equals(status.path("state").asString())) {
                return status;
            }
        }
    }

    /** Acknowledges a status that carries a uuid (as a framework must). */
    public void acknowledge(JsonNode status) throws Exception {
        if (status.path("uuid").isMissingNode() || status.path("uuid").asString().isEmpty()) {
            return;
        }
        call("ACKNOWLEDGE", "acknowledge", "{\"agent_id\":" + status.path("agent_id") + ",\"task_id\":"
                + status.path("task_id") + ",\"uuid\":\"" + status.path("uuid").asString() + "\"}");
    }

    /** Posts a call; returns the status code. */
    public int call(String type, String bodyField, String bodyJson) throws Exception {
        String json = "{\"framework_id\":{\"value\":\"" + frameworkId + "\"},\"type\":\"" + type + "\""
                + (bodyField == null ? "" : ",\"" + bodyField + "\":" + bodyJson) + "}";
        HttpRequest request = HttpRequest.newBuilder(endpoint).header("Content-Type", "application/json")
                .header("Authorization", authorization).header("Mesos-Stream-Id", streamId)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202 && response.statusCode() != 200) {
            throw new IllegalStateException(type + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.statusCode();
    }

    /** Whether the master ends the stream within {@code timeout}. */
    public boolean streamEnds(Duration timeout) throws InterruptedException {
        return ended.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() throws IOException {
        if (stream != null) {
            stream.close();
        }
        http.close();
    }
}
