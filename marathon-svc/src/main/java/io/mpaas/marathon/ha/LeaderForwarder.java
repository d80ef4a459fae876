package io.mpaas.marathon.ha;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Sends a request on to the leader and its answer back, as a transparent proxy: method, headers (credentials
 * included: the leader authorizes again) and body stream through; {@code X-Marathon-Via} gains this instance and
 * {@code X-Forwarded-For} the client; status, headers and body of the answer are copied back. Hop-by-hop headers
 * stay on their hop.
 *
 * <p>Failures reach the caller as exceptions: {@link java.net.ConnectException} when the leader refuses the
 * connection, {@link java.net.http.HttpTimeoutException} when it does not connect or answer in time, other
 * {@link IOException}s otherwise. The read timeout covers the wait for the answer's headers; the body then streams
 * without a limit.
 */
final class LeaderForwarder implements AutoCloseable {

    /** Headers that describe one connection, not the message (RFC 9110 7.6.1), plus those the client sets itself. */
    static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "host",
            "content-length", "expect", "http2-settings");

    static final String FORWARDED_FOR = "X-Forwarded-For";

    private final HttpClient client;
    private final Duration readTimeout;

    LeaderForwarder(LeaderProxyProperties properties) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(properties.connectionTimeout())
                // HTTP/1.1 only: no h2c upgrade dance on every new connection to the leader.
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.readTimeout = properties.readTimeout();
    }

    /**
     * @param self this instance's {@code host:port}, added to {@code X-Marathon-Via}
     * @throws IOException from the leader's side before the answer began (nothing written yet), or from either side
     *                     while the answer streams (then the response is committed)
     */
    void forward(HttpServletRequest request, HttpServletResponse response, URI target, String self)
            throws IOException {
        HttpRequest.Builder outbound = HttpRequest.newBuilder(target)
                .timeout(readTimeout)
                .method(request.getMethod(), body(request));
        for (String name : Collections.list(request.getHeaderNames())) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (HOP_BY_HOP.contains(lower) || lower.equals(FORWARDED_FOR.toLowerCase(Locale.ROOT))) {
                continue;
            }
            for (String value : Collections.list(request.getHeaders(name))) {
                outbound.header(name, value);
            }
        }
        outbound.header(LeaderRouter.VIA_HEADER, self);
        outbound.header(FORWARDED_FOR, forwardedFor(request));

        HttpResponse<InputStream> answer;
        try {
            answer = client.send(outbound.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the leader", e);
        }
        try (InputStream body = answer.body()) {
            response.setStatus(answer.statusCode());
            answer.headers().map().forEach((name, values) -> copy(name, values, response));
            answer.headers().firstValueAsLong("content-length").ifPresent(response::setContentLengthLong);
            OutputStream out = response.getOutputStream();
            body.transferTo(out);
            out.flush();
        }
    }

    /** Aborts forwards in flight: at shutdown there is no client left to answer. */
    @Override
    public void close() {
        client.shutdownNow();
    }

    private static HttpRequest.BodyPublisher body(HttpServletRequest request) {
        long length = request.getContentLengthLong();
        boolean chunked = request.getHeader("Transfer-Encoding") != null;
        if (length == 0 || (length < 0 && !chunked)) {
            return HttpRequest.BodyPublishers.noBody();
        }
        HttpRequest.BodyPublisher stream = HttpRequest.BodyPublishers.ofInputStream(() -> {
            try {
                return request.getInputStream();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        return length > 0 ? HttpRequest.BodyPublishers.fromPublisher(stream, length) : stream;
    }

    /** The client's chain of addresses plus the one this instance saw, like any forwarding proxy. */
    private static String forwardedFor(HttpServletRequest request) {
        List<String> earlier = Collections.list(request.getHeaders(FORWARDED_FOR));
        String remote = request.getRemoteAddr();
        return earlier.isEmpty() ? remote : String.join(", ", earlier) + ", " + remote;
    }

    private static void copy(String name, List<String> values, HttpServletResponse response) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith(":") || HOP_BY_HOP.contains(lower)) {
            return;
        }
        for (int i = 0; i < values.size(); i++) {
            if (i == 0) {
                response.setHeader(name, values.get(i));
            } else {
                response.addHeader(name, values.get(i));
            }
        }
    }
}
