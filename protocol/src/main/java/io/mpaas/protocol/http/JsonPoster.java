package io.mpaas.protocol.http;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Blocking HTTP/1.1 POSTs of small bodies to one server, over connections kept alive between
 * requests, one request at a time per connection. Made for the calls that come by the thousand: a
 * framework's ACCEPTs and ACKNOWLEDGEs, an agent's status UPDATEs. The JDK's {@code HttpClient} spent
 * more CPU on each than the master spent answering it (its asynchronous pipeline, selector wake-ups,
 * connection-pool bookkeeping and header validation); here a call is one write and a few reads on
 * the caller's (virtual) thread.
 *
 * <p>What it speaks: plain HTTP/1.1 (no TLS: callers fall back to the JDK client for https), a
 * request body of known length, responses with {@code Content-Length}, chunked, or delimited by the
 * connection's end, {@code 1xx} interim responses skipped. A connection goes back to the pool only
 * after a complete response that does not close it; an idle connection is not reused after
 * {@link #IDLE_LIMIT} (servers close idle connections: Tomcat after its connection timeout).
 * Should a kept-alive connection turn out closed anyway before any byte of the response arrived,
 * the request is sent once more on another connection: a server closes an idle connection only when
 * no request has arrived on it, so the first copy was not processed.
 *
 * <p>Thread-safe. {@link #close} aborts the requests in flight; they fail with an {@link IOException}.
 */
public final class JsonPoster implements AutoCloseable {

    /**
     * Idle connections older than this are closed rather than reused: shorter than servers keep an
     * idle connection open (Tomcat: its connection timeout, 30 s on the master).
     */
    static final Duration IDLE_LIMIT = Duration.ofSeconds(15);

    /** Response bodies larger than this are refused: calls are answered with a line of text or nothing. */
    static final int MAX_BODY = 1024 * 1024;

    /**
     * Per connection and direction: a call and its answer fit (larger bodies pass the buffer by); servers
     * close kept-alive connections every hundred requests or so, and each new one allocates these.
     */
    private static final int BUFFER_BYTES = 2048;

    private final String host;
    private final int port;
    private final String hostHeader;
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;
    private final Deque<Connection> idle = new ConcurrentLinkedDeque<>();
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * @param connectTimeout how long a TCP connect may take
     * @param readTimeout how long the server may leave a read of the response waiting
     */
    public JsonPoster(String host, int port, Duration connectTimeout, Duration readTimeout) {
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
        this.hostHeader = hostHeader(host, port);
        this.connectTimeoutMillis = Math.toIntExact(connectTimeout.toMillis());
        this.readTimeoutMillis = Math.toIntExact(readTimeout.toMillis());
    }

    /** A response: status, body (UTF-8 text) and headers (names in lower case, last value wins). */
    public record Response(int status, String body, Map<String, String> headers) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /**
     * POSTs {@code body} to {@code path} with {@code headers} ({@code name, value, name, value...});
     * {@code Host}, {@code Content-Length} and the connection handling are added here.
     *
     * @throws IOException when the server cannot be reached, answers garbage, or this poster is closed
     */
    public Response post(String path, byte[] body, String... headers) throws IOException {
        byte[] head = postHead(hostHeader, path, body.length, headers);
        while (true) {
            if (closed) {
                throw new IOException("closed");
            }
            Connection connection = idle.pollFirst();
            boolean reused = connection != null;
            if (reused && System.nanoTime() - connection.idleSince > IDLE_LIMIT.toNanos()) {
                connection.close();
                continue;
            }
            if (connection == null) {
                connection = connect();
            }
            Exchange exchange = new Exchange();
            try {
                Response response = connection.exchange(head, body, exchange);
                if (exchange.keepAlive && !closed) {
                    connection.idleSince = System.nanoTime();
                    idle.offerFirst(connection);
                    if (closed && idle.remove(connection)) {
                        connection.close();
                    }
                } else {
                    connection.close();
                }
                return response;
            } catch (IOException | RuntimeException e) {
                connection.close();
                if (reused && !exchange.received && !closed && e instanceof IOException) {
                    continue;
                }
                throw e;
            }
        }
    }

    /** {@code Host}'s value: the host (an IPv6 address in brackets) and the port. */
    static String hostHeader(String host, int port) {
        return (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }

    /**
     * The request line and headers of a POST of {@code length} bytes: {@code headers} (name, value
     * pairs; a null value leaves the header out), {@code Host} and {@code Content-Length}.
     */
    static byte[] postHead(String hostHeader, String path, int length, String... headers) {
        if (headers.length % 2 != 0) {
            throw new IllegalArgumentException("headers come in name, value pairs");
        }
        StringBuilder head = new StringBuilder(128 + 32 * headers.length);
        head.append("POST ").append(path).append(" HTTP/1.1\r\nHost: ").append(hostHeader).append("\r\n");
        for (int i = 0; i < headers.length; i += 2) {
            String name = headers[i];
            String value = headers[i + 1];
            if (value == null) {
                continue;
            }
            if (!token(name) || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("invalid header " + name);
            }
            head.append(name).append(": ").append(value).append("\r\n");
        }
        head.append("Content-Length: ").append(length).append("\r\n\r\n");
        return head.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static boolean token(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c >= 127 || c == ':') {
                return false;
            }
        }
        return true;
    }

    private Connection connect() throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
            socket.setSoTimeout(readTimeoutMillis);
            Connection connection = new Connection(socket);
            open.add(connection);
            if (closed) {
                connection.close();
                throw new IOException("closed");
            }
            return connection;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Connections open now, idle or in use (for tests). */
    int openConnections() {
        return open.size();
    }

    /** Closes every connection, aborting the requests in flight; later posts fail. Idempotent. */
    @Override
    public void close() {
        closed = true;
        for (Connection connection : open) {
            connection.close();
        }
        idle.clear();
    }

    /** What one exchange learned about its connection. */
    private static final class Exchange {
        /** Whether any byte of the response arrived. */
        boolean received;

        void received() {
            received = true;
        }
        /** Whether the connection may carry another request. */
        boolean keepAlive;
    }

    private final class Connection {

        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        volatile long idleSince;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream(), BUFFER_BYTES);
            this.out = new BufferedOutputStream(socket.getOutputStream(), BUFFER_BYTES);
        }

        Response exchange(byte[] head, byte[] body, Exchange exchange) throws IOException {
            out.write(head);
            out.write(body);
            out.flush();
            ResponseHead response = ResponseHead.read(in, exchange::received);
            boolean keepAlive = response.keepAlive();
            byte[] content;
            long length = response.contentLength(MAX_BODY);
            if (response.bodiless()) {
                content = new byte[0];
            } else if (response.chunked()) {
                content = new ChunkedInputStream(in, MAX_BODY).readAllBytes();
            } else if (length >= 0) {
                content = in.readNBytes((int) length);
                if (content.length < length) {
                    throw new EOFException("response ended after " + content.length + " of " + length + " bytes");
                }
            } else {
                content = in.readNBytes(MAX_BODY + 1);
                if (content.length > MAX_BODY) {
                    throw new IOException("response body over " + MAX_BODY + " bytes");
                }
                keepAlive = false;
            }
            exchange.keepAlive = keepAlive;
            return new Response(response.status(), new String(content, StandardCharsets.UTF_8), response.headers());
        }

        void close() {
            open.remove(this);
            try {
                socket.close();
            } catch (IOException ignored) {
                // Nothing more to do with a connection that would not close.
            }
        }
    }
}
