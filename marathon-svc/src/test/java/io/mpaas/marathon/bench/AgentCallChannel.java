package io.mpaas.marathon.bench;

import io.mpaas.protocol.http.JsonPoster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The HTTP client of one simulated agent: its calls to the master (status updates) go out over at
 * most {@code connections} connections at a time, the rest wait here in order. A real agent sends
 * its messages to the master over one connection, in order; without this bound the simulated agents'
 * link opens a connection per update in flight, and a burst of 10,000 launches becomes 10,000 (and
 * with every resend, more) simultaneous connections to the master, exhausting ephemeral ports on a
 * one-machine benchmark. Use one connection: with two, a resent STARTING overtook the RUNNING sent
 * after it, and master and marathon took the task back to STARTING for good. The agent's event
 * stream ({@link #send}) is not limited.
 *
 * <p>The calls go out through a {@link JsonPoster} (kept-alive connections, a blocking exchange per
 * call) rather than the JDK client: the simulated agents stand for other machines, and on this one
 * the JDK client's cost per update was most of their CPU, taken from the master and marathon.
 */
final class AgentCallChannel extends HttpClient {

    private final HttpClient delegate;
    private final ExecutorService senders;
    private final Map<String, JsonPoster> posters = new ConcurrentHashMap<>();

    AgentCallChannel(HttpClient delegate, int connections) {
        this.delegate = delegate;
        this.senders = Executors.newFixedThreadPool(connections, Thread.ofVirtual().name("agent-call-", 0).factory());
    }

    /** POSTs over plain HTTP go through a {@link JsonPoster}; anything else through the JDK client. */
    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        URI uri = request.uri();
        if (!"POST".equals(request.method()) || !"http".equals(uri.getScheme()) || request.bodyPublisher().isEmpty()) {
            return delegate.send(request, handler);
        }
        List<String> headers = new ArrayList<>();
        request.headers().map().forEach((name, values) -> values.forEach(v -> {
            headers.add(name);
            headers.add(v);
        }));
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        JsonPoster poster = posters.computeIfAbsent(uri.getHost() + ":" + port, k -> new JsonPoster(uri.getHost(),
                port, Duration.ofSeconds(5), request.timeout().orElse(Duration.ofSeconds(30))));
        JsonPoster.Response response = poster.post(uri.getRawPath(), body(request.bodyPublisher().get()),
                headers.toArray(String[]::new));
        return PostedResponse.of(request, response, handler);
    }

    /** The bytes a body publisher publishes. */
    private static byte[] body(HttpRequest.BodyPublisher publisher) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CompletableFuture<Void> done = new CompletableFuture<>();
        publisher.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                bytes.writeBytes(chunk);
            }

            @Override
            public void onError(Throwable throwable) {
                done.completeExceptionally(throwable);
            }

            @Override
            public void onComplete() {
                done.complete(null);
            }
        });
        try {
            done.join();
        } catch (CompletionException e) {
            throw new IOException(e.getCause());
        }
        return bytes.toByteArray();
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        return delegate.send(request, handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return exchange(request, handler);
            } catch (IOException e) {
                throw new CompletionException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CompletionException(e);
            }
        }, senders);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
            HttpResponse.PushPromiseHandler<T> push) {
        return sendAsync(request, handler);
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return delegate.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return delegate.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return delegate.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return delegate.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return delegate.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return delegate.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return delegate.authenticator();
    }

    @Override
    public Version version() {
        return delegate.version();
    }

    @Override
    public Optional<Executor> executor() {
        return delegate.executor();
    }
}
