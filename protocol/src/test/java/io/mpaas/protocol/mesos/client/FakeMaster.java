package io.mpaas.protocol.mesos.client;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.MasterInfo;
import io.mpaas.protocol.mesos.MesosJson;
import io.mpaas.protocol.mesos.scheduler.Call;
import io.mpaas.protocol.mesos.scheduler.Event;
import io.mpaas.protocol.recordio.RecordIo;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Mesos master for tests on the JDK's HttpServer: answers SUBSCRIBE with a RecordIO stream
 * (one record per chunk) that the test drives, or with a scripted status; answers other calls
 * with 202 (or a scripted status) and records every request.
 */
final class FakeMaster implements AutoCloseable {

    /** How long a test waits for the client to reach this master; generous, only a failing test waits it out. */
    static final Duration WAIT = Duration.ofSeconds(5);

    private final HttpServer server;
    private final BlockingQueue<Answer> subscribeAnswers = new LinkedBlockingQueue<>();
    private final BlockingQueue<Stream> streams = new LinkedBlockingQueue<>();
    private final BlockingQueue<Received> calls = new LinkedBlockingQueue<>();
    private final List<Received> subscribes = new CopyOnWriteArrayList<>();
    private final List<Stream> opened = new CopyOnWriteArrayList<>();
    private final AtomicInteger streamIds = new AtomicInteger();
    private volatile Answer callAnswer = new Answer(202, "", Map.of());
    private volatile CountDownLatch callGate = new CountDownLatch(0);

    /** A scripted answer: status, plain-text body, extra headers. */
    record Answer(int status, String body, Map<String, String> headers) {
    }

    /** A request as the master saw it. */
    record Received(Call call, Headers headers, String body) {
        String header(String name) {
            return headers.getFirst(name);
        }
    }

    FakeMaster() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/api/v1/scheduler", this::handle);
        server.start();
    }

    URI uri() {
        return URI.create("http://" + hostPort());
    }

    String hostPort() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next SUBSCRIBE gets {@code status} and {@code body} instead of a stream. */
    void answerNextSubscribe(int status, String body) {
        subscribeAnswers.add(new Answer(status, body, Map.of()));
    }

    /** The next SUBSCRIBE is redirected, as a standby does: 307 with a protocol-relative Location. */
    void redirectNextSubscribeTo(FakeMaster leader) {
        subscribeAnswers.add(new Answer(307, "",
                Map.of("Location", "//" + leader.hostPort() + SchedulerEndpoint.PATH)));
    }

    /** Every later non-SUBSCRIBE call gets this status and body. */
    void answerCallsWith(int status, String body) {
        callAnswer = new Answer(status, body, Map.of());
    }

    /** Calls are received but not answered until {@link #answerHeldCalls()}. */
    void holdCalls() {
        callGate = new CountDownLatch(1);
    }

    void answerHeldCalls() {
        callGate.countDown();
    }

    /** The next stream the client opens, waiting for it up to {@link #WAIT}. */
    Stream awaitStream() throws InterruptedException {
        Stream stream = streams.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (stream == null) {
            throw new AssertionError("no SUBSCRIBE stream opened within " + WAIT);
        }
        return stream;
    }

    /** The next non-SUBSCRIBE call, waiting for it up to {@link #WAIT}. */
    Received awaitCall() throws InterruptedException {
        Received call = calls.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (call == null) {
            throw new AssertionError("no call received within " + WAIT);
        }
        return call;
    }

    /** Calls received and not yet taken by {@link #awaitCall()}. */
    List<Received> pendingCalls() {
        return List.copyOf(calls);
    }

    /** Every SUBSCRIBE so far, answered or not. */
    List<Received> subscribes() {
        return List.copyOf(subscribes);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] raw = exchange.getRequestBody().readAllBytes();
        String body = new String(raw, StandardCharsets.UTF_8);
        Received received = new Received(MesosJson.read(raw, Call.class), new Headers(exchange.getRequestHeaders()),
                body);
        if (received.call().type() != Call.Type.SUBSCRIBE) {
            calls.add(received);
            try {
                callGate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer(exchange, callAnswer);
            return;
        }
        subscribes.add(received);
        Answer scripted = subscribeAnswers.poll();
        if (scripted != null) {
            answer(exchange, scripted);
            return;
        }
        Stream stream = new Stream(received, "stream-" + streamIds.incrementAndGet(), exchange);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Mesos-Stream-Id", stream.streamId);
        exchange.sendResponseHeaders(200, 0);
        // HttpServer holds the headers back until the body is flushed; a client would wait for them.
        exchange.getResponseBody().flush();
        opened.add(stream);
        streams.add(stream);
        try {
            // The exchange stays open until the test ends the stream (or closes the master).
            stream.ended.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }

    private static void answer(HttpExchange exchange, Answer answer) throws IOException {
        answer.headers().forEach(exchange.getResponseHeaders()::set);
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        if (!answer.body().isEmpty()) {
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        }
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        callGate.countDown();
        opened.forEach(Stream::end);
        server.stop(0);
    }

    /** One open SUBSCRIBE response that the test writes events to. */
    static final class Stream {
        final Received subscribe;
        final String streamId;
        private final HttpExchange exchange;
        private final CountDownLatch ended = new CountDownLatch(1);

        Stream(Received subscribe, String streamId, HttpExchange exchange) {
            this.subscribe = subscribe;
            this.streamId = streamId;
            this.exchange = exchange;
        }

        /** Sends SUBSCRIBED for {@code frameworkId} with this heartbeat interval. */
        Stream subscribed(String frameworkId, double heartbeatSeconds) {
            return send(Event.subscribed(FrameworkId.of(frameworkId), heartbeatSeconds,
                    MasterInfo.of("master-1", "localhost", "127.0.0.1", 5050)));
        }

        /** One event as one record in one chunk, as wire-compat.md asks of a master. */
        Stream send(Event event) {
            return sendRaw(RecordIo.frame(MesosJson.write(event)));
        }

        /** Bytes as one chunk, flushed. */
        Stream sendRaw(byte[] bytes) {
            try {
                OutputStream out = exchange.getResponseBody();
                out.write(bytes);
                out.flush();
                return this;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Ends the response cleanly, as a master does on failover. */
        void end() {
            ended.countDown();
        }
    }
}
