package io.mpaas.marathon.bench;

import io.mpaas.protocol.http.JsonPoster;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import java.util.stream.Collectors;
import javax.net.ssl.SSLSession;

/** A {@link JsonPoster} answer as the JDK client's {@link HttpResponse}, its body made by the caller's handler. */
record PostedResponse<T>(HttpRequest request, int statusCode, HttpHeaders headers, T body)
        implements HttpResponse<T> {

    static <T> PostedResponse<T> of(HttpRequest request, JsonPoster.Response response, BodyHandler<T> handler)
            throws IOException {
        HttpHeaders headers = HttpHeaders.of(response.headers().entrySet().stream().collect(Collectors.toMap(
                Map.Entry::getKey, e -> List.of(e.getValue()))), (name, value) -> true);
        ResponseInfo info = new ResponseInfo() {
            @Override
            public int statusCode() {
                return response.status();
            }

            @Override
            public HttpHeaders headers() {
                return headers;
            }

            @Override
            public HttpClient.Version version() {
                return HttpClient.Version.HTTP_1_1;
            }
        };
        BodySubscriber<T> subscriber = handler.apply(info);
        subscriber.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
            }

            @Override
            public void cancel() {
            }
        });
        subscriber.onNext(List.of(ByteBuffer.wrap(response.body().getBytes(StandardCharsets.UTF_8))));
        subscriber.onComplete();
        try {
            return new PostedResponse<>(request, response.status(), headers,
                    subscriber.getBody().toCompletableFuture().join());
        } catch (CompletionException e) {
            throw new IOException(e.getCause());
        }
    }

    @Override
    public Optional<HttpResponse<T>> previousResponse() {
        return Optional.empty();
    }

    @Override
    public Optional<SSLSession> sslSession() {
        return Optional.empty();
    }

    @Override
    public URI uri() {
        return request.uri();
    }

    @Override
    public HttpClient.Version version() {
        return HttpClient.Version.HTTP_1_1;
    }
}
