package io.mpaas.marathon.event;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * A subscriber's HTTP endpoint ({@code POST /callback}) on a real socket: keeps each body with its content type,
 * answers with the status the test chooses, or never answers ({@link #hang()}) until closed.
 */
final class CallbackServer implements AutoCloseable {

    record Delivery(String contentType, String body) {
    }

    private final HttpServer server;
    private final BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
    private final AtomicInteger attempts = new AtomicInteger();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile IntSupplier status = () -> 200;
    private volatile boolean hang;

    CallbackServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/callback", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            attempts.incrementAndGet();
            if (hang) {
                try {
                    released.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
                return;
            }
            int answer = status.getAsInt();
            if (answer / 100 == 2) {
                deliveries.add(new Delivery(exchange.getRequestHeaders().getFirst("Content-Type"), body));
            }
            exchange.sendResponseHeaders(answer, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/callback";
    }

    /** The status of each next answer. */
    void answer(IntSupplier next) {
        status = next;
    }

    /** Takes requests and never answers them. */
    CallbackServer hang() {
        hang = true;
        return this;
    }

    int attempts() {
        return attempts.get();
    }

    /** The next accepted delivery. */
    Delivery next(Duration timeout) throws InterruptedException {
        Delivery delivery = deliveries.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (delivery == null) {
            throw new AssertionError("no callback within " + timeout);
        }
        return delivery;
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
    }
}
