package io.mpaas.protocol.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * A POST whose answer is read as a stream for as long as the server keeps it open: a framework's
 * subscription, an agent's link. To an {@code http} server it goes over a socket of its own and the
 * body is read straight from that socket (chunked, of a declared length, or delimited by the end of
 * the connection); the JDK {@code HttpClient}'s streaming response, with its selector thread,
 * flow control and a queue of buffers between them, cost an agent more CPU than decoding the
 * events it carried (docs/benchmarks.md, launch throughput). To an {@code https} server it goes
 * through the JDK client given.
 */
public final class StreamingPost {

    /** Socket read buffer: records are read by their length, mostly a few hundred bytes at a time. */
    private static final int BUFFER_BYTES = 8192;

    /** Bodies of error answers (with a length) are read whole, up to this. */
    private static final int MAX_DECLARED_BODY = 1024 * 1024;

    private StreamingPost() {
    }

    /** The answer: its status, headers and body; closing it closes the body and the connection. */
    public record Answer(int status, HeaderLookup headers, InputStream body) implements AutoCloseable {

        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.value(name));
        }

        @Override
        public void close() {
            try {
                body.close();
            } catch (IOException ignored) {
                // Closing is how a stream is abandoned; a failure to close changes nothing.
            }
        }
    }

    /** A header's value by name, whatever its case; null when absent. */
    @FunctionalInterface
    public interface HeaderLookup {
        String value(String name);
    }

    /**
     * POSTs {@code body} to {@code uri} and returns once the response's head arrived.
     *
     * @param https the client for {@code https} servers
     * @param headTimeout how long the server may take to start answering; the body then has no read
     *     timeout (the caller watches its silence and closes the answer)
     * @param headers name, value pairs ({@code Host} and {@code Content-Length} are added; a null value
     *     leaves a header out)
     * @throws IOException when the server cannot be reached or answers something that is not HTTP/1.x
     */
    public static Answer open(HttpClient https, URI uri, byte[] body, Duration connectTimeout, Duration headTimeout,
            String... headers) throws IOException, InterruptedException {
        if (!"http".equalsIgnoreCase(uri.getScheme())) {
            return throughJdk(https, uri, body, headTimeout, headers);
        }
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        byte[] head = JsonPoster.postHead(JsonPoster.hostHeader(uri.getHost(), port), path, body.length, headers);
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(uri.getHost(), port), Math.toIntExact(connectTimeout.toMillis()));
            socket.setSoTimeout(Math.toIntExact(headTimeout.toMillis()));
            OutputStream out = socket.getOutputStream();
            out.write(concat(head, body));
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream(), BUFFER_BYTES);
            ResponseHead response = ResponseHead.read(in, null);
            socket.setSoTimeout(0);
            InputStream content;
            long length = response.contentLength(MAX_DECLARED_BODY);
            if (response.bodiless()) {
                content = InputStream.nullInputStream();
            } else if (response.chunked()) {
                content = new ChunkedInputStream(in, Long.MAX_VALUE);
            } else if (length >= 0) {
                byte[] declared = in.readNBytes((int) length);
                if (declared.length < length) {
                    throw new EOFException("response ended after " + declared.length + " of " + length + " bytes");
                }
                content = new ByteArrayInputStream(declared);
            } else {
                content = in;
            }
            return new Answer(response.status(), response::header, new ClosingSocket(content, socket));
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static Answer throughJdk(HttpClient https, URI uri, byte[] body, Duration headTimeout, String... headers)
            throws IOException, InterruptedException {
        HttpRequest request = RequestHeaders.addTo(HttpRequest.newBuilder(uri).timeout(headTimeout)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)), headers).build();
        HttpResponse<InputStream> response = https.send(request, HttpResponse.BodyHandlers.ofInputStream());
        return new Answer(response.statusCode(),
                name -> response.headers().firstValue(name.toLowerCase(Locale.ROOT)).orElse(null), response.body());
    }

    private static byte[] concat(byte[] head, byte[] body) {
        byte[] request = new byte[head.length + body.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(body, 0, request, head.length, body.length);
        return request;
    }

    /** The body; closing it closes the connection (a streamed answer is never reused). */
    private static final class ClosingSocket extends FilterInputStream {

        private final Socket socket;

        ClosingSocket(InputStream in, Socket socket) {
            super(in);
            this.socket = socket;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
