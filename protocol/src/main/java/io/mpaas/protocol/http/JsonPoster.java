package io.mpaas.protocol.http;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Deque;
import java.util.LinkedHashMap;
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

    /** A response line longer than this is refused. */
    private static final int MAX_HEADER_LINE = 16 * 1024;

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
        this.hostHeader = (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
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
        if (headers.length % 2 != 0) {
            throw new IllegalArgumentException("headers come in name, value pairs");
        }
        byte[] head = head(path, body.length, headers);
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

    private byte[] head(String path, int length, String... headers) {
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
            while (true) {
                String statusLine = line(exchange);
                if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12 || statusLine.charAt(8) != ' ') {
                    throw new IOException("not an HTTP/1.x status line: " + printable(statusLine));
                }
                int status = parseStatus(statusLine);
                boolean http10 = statusLine.charAt(7) == '0';
                Map<String, String> headers = new LinkedHashMap<>();
                for (String line = line(exchange); !line.isEmpty(); line = line(exchange)) {
                    int colon = line.indexOf(':');
                    if (colon <= 0) {
                        throw new IOException("malformed header line: " + printable(line));
                    }
                    headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            line.substring(colon + 1).trim());
                }
                if (status >= 100 && status < 200) {
                    continue;
                }
                String connection = headers.getOrDefault("connection", "").toLowerCase(Locale.ROOT);
                boolean keepAlive = http10 ? connection.contains("keep-alive") : !connection.contains("close");
                byte[] content;
                String encoding = headers.get("transfer-encoding");
                String length = headers.get("content-length");
                if (status == 204 || status == 304) {
                    content = new byte[0];
                } else if (encoding != null && encoding.toLowerCase(Locale.ROOT).endsWith("chunked")) {
                    content = chunked();
                } else if (length != null) {
                    content = fixed(length);
                } else {
                    content = in.readNBytes(MAX_BODY + 1);
                    if (content.length > MAX_BODY) {
                        throw new IOException("response body over " + MAX_BODY + " bytes");
                    }
                    keepAlive = false;
                }
                exchange.keepAlive = keepAlive;
                return new Response(status, new String(content, StandardCharsets.UTF_8), headers);
            }
        }

        private int parseStatus(String statusLine) throws IOException {
            int status = 0;
            for (int i = 9; i < 12; i++) {
                char c = statusLine.charAt(i);
                if (c < '0' || c > '9') {
                    throw new IOException("not an HTTP/1.x status line: " + printable(statusLine));
                }
                status = status * 10 + (c - '0');
            }
            return status;
        }

        private byte[] fixed(String length) throws IOException {
            long n;
            try {
                n = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                throw new IOException("malformed Content-Length: " + printable(length));
            }
            if (n < 0 || n > MAX_BODY) {
                throw new IOException("response body of " + n + " bytes refused");
            }
            byte[] content = in.readNBytes((int) n);
            if (content.length < n) {
                throw new EOFException("response ended after " + content.length + " of " + n + " bytes");
            }
            return content;
        }

        private byte[] chunked() throws IOException {
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            while (true) {
                String sizeLine = line(null);
                int semicolon = sizeLine.indexOf(';');
                String hex = (semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim();
                int size;
                try {
                    size = Integer.parseInt(hex, 16);
                } catch (NumberFormatException e) {
                    throw new IOException("malformed chunk size: " + printable(sizeLine));
                }
                if (size < 0 || content.size() + (long) size > MAX_BODY) {
                    throw new IOException("response body over " + MAX_BODY + " bytes");
                }
                if (size == 0) {
                    // Trailers, up to the empty line.
                    while (!line(null).isEmpty()) {
                        // ignored
                    }
                    return content.toByteArray();
                }
                byte[] chunk = in.readNBytes(size);
                if (chunk.length < size) {
                    throw new EOFException("response ended inside a chunk");
                }
                content.write(chunk);
                if (!line(null).isEmpty()) {
                    throw new IOException("chunk not followed by CRLF");
                }
            }
        }

        /** One line without its CRLF (or LF), as ISO-8859-1. */
        private String line(Exchange exchange) throws IOException {
            StringBuilder line = new StringBuilder(64);
            while (true) {
                int b = in.read();
                if (b < 0) {
                    throw new EOFException(line.isEmpty() && exchange != null && !exchange.received
                            ? "connection closed before the response" : "connection closed inside the response");
                }
                if (exchange != null) {
                    exchange.received = true;
                }
                if (b == '\n') {
                    int end = line.length();
                    if (end > 0 && line.charAt(end - 1) == '\r') {
                        line.setLength(end - 1);
                    }
                    return line.toString();
                }
                if (line.length() >= MAX_HEADER_LINE) {
                    throw new IOException("response line over " + MAX_HEADER_LINE + " bytes");
                }
                line.append((char) b);
            }
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

    private static String printable(String text) {
        String shown = text.length() > 100 ? text.substring(0, 100) + "..." : text;
        return shown.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
