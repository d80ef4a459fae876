package io.mpaas.marathon.health;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * One HTTP/1.1 GET over a plain (or TLS) socket, bounded by one deadline from connect to the last
 * byte read.
 *
 * <p>Why not {@code java.net.http.HttpClient}: it pools connections (a leader checking 10,000
 * instances would keep 10,000 idle sockets open), hides 1xx answers that {@code ignoreHttp1xx}
 * is about, and can only skip hostname verification through a JVM-wide system property. Here each
 * check opens one connection with {@code Connection: close} and, for a health check, reads no more
 * than the status line. TLS trusts every certificate and checks no host name, as Marathon's HTTPS
 * checks do: tasks serve self-signed certificates for names the leader does not know.
 */
final class HttpProbe {

    private static final int MAX_LINE = 8192;
    private static final int MAX_HEADERS = 100;

    private final SSLSocketFactory tls = trustingEveryCertificate();
    private final int bodyLimit;

    /** @param bodyLimit bytes of a response body that {@link #get} keeps (the rest is not read) */
    HttpProbe(int bodyLimit) {
        this.bodyLimit = bodyLimit;
    }

    /** A status, its reason phrase, content type and (possibly cut) body. */
    record Response(int status, String reason, String contentType, String body) {

        /** {@code 500 Internal Server Error}, or only the code when the server sent no phrase. */
        String statusText() {
            return reason.isBlank() ? Integer.toString(status) : status + " " + reason;
        }
    }

    /** An HTTP(S) health check: 200-399 passes, 1xx is ignored when asked to, anything else fails. */
    Outcome check(boolean https, String host, int port, String path, Duration timeout, boolean ignoreHttp1xx) {
        try {
            Response response = exchange(https, host, port, path, timeout, false);
            int status = response.status();
            if (status >= 200 && status < 400) {
                return Outcome.HEALTHY;
            }
            if (status < 200 && ignoreHttp1xx) {
                return new Outcome.Ignored(response.statusText());
            }
            return new Outcome.Unhealthy(response.statusText());
        } catch (IOException e) {
            return Outcome.failed(e, host, timeout);
        }
    }

    /** A GET that also reads the body (up to the limit), for readiness checks. */
    Response get(boolean https, String host, int port, String path, Duration timeout) throws IOException {
        return exchange(https, host, port, path, timeout, true);
    }

    private Response exchange(boolean https, String host, int port, String path, Duration timeout, boolean withBody)
            throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Socket socket = open(https, host, port, deadline)) {
            OutputStream out = socket.getOutputStream();
            out.write(request(host, port, path).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            Reader reader = new Reader(socket, deadline);
            Head head = reader.finalHead();
            String contentType = head.headers().getOrDefault("content-type", "");
            String body = withBody && hasBody(head.status()) ? reader.body(head.headers(), bodyLimit, contentType) : "";
            return new Response(head.status(), head.reason(), contentType, body);
        }
    }

    private static boolean hasBody(int status) {
        return status >= 200 && status != 204 && status != 304;
    }

    private static String request(String host, int port, String path) throws IOException {
        String target = path.startsWith("/") ? path : "/" + path;
        if (target.chars().anyMatch(ch -> ch == '\r' || ch == '\n' || ch == ' ')) {
            throw new IOException("Invalid path " + path.strip());
        }
        String hostHeader = (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        return "GET " + target + " HTTP/1.1\r\n"
                + "Host: " + hostHeader + "\r\n"
                + "User-Agent: marathon-svc\r\n"
                + "Accept: */*\r\n"
                + "Connection: close\r\n\r\n";
    }

    private Socket open(boolean https, String host, int port, long deadline) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), remainingMillis(deadline));
            if (!https) {
                return socket;
            }
            SSLSocket secure = (SSLSocket) tls.createSocket(socket, host, port, true);
            secure.setSoTimeout(remainingMillis(deadline));
            secure.startHandshake();
            return secure;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static int remainingMillis(long deadline) throws SocketTimeoutException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new SocketTimeoutException("deadline passed");
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }

    /** A status line with its headers (names in lower case). */
    private record Head(int status, String reason, Map<String, String> headers) {
    }

    /** Reads lines and bytes, each read bounded by what is left of the deadline. */
    private static final class Reader {
        private final Socket socket;
        private final InputStream in;
        private final long deadline;
        private final byte[] buffer = new byte[4096];
        private int position;
        private int count;

        Reader(Socket socket, long deadline) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.deadline = deadline;
        }

        /**
         * The final answer's head. Interim 1xx answers are skipped; when nothing follows one
         * (the connection ends or the deadline passes), that 1xx is the answer.
         */
        Head finalHead() throws IOException {
            Head head = head();
            while (head.status() < 200 && head.status() != 101) {
                try {
                    head = head();
                } catch (IOException e) {
                    return head;
                }
            }
            return head;
        }

        private Head head() throws IOException {
            String statusLine = line();
            if (statusLine == null) {
                throw new EOFException();
            }
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/") || !parts[1].matches("\\d{3}")) {
                throw new IOException("Not an HTTP answer: " + statusLine.substring(0, Math.min(60, statusLine.length())));
            }
            Map<String, String> headers = new HashMap<>();
            for (String header = line(); header != null && !header.isEmpty(); header = line()) {
                int colon = header.indexOf(':');
                if (colon > 0 && headers.size() < MAX_HEADERS) {
                    headers.put(header.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                            header.substring(colon + 1).strip());
                }
            }
            return new Head(Integer.parseInt(parts[1]), parts.length > 2 ? parts[2].strip() : "", headers);
        }

        String body(Map<String, String> headers, int limit, String contentType) throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            String encoding = headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT);
            if (encoding.contains("chunked")) {
                for (long size = chunkSize(); size > 0 && body.size() < limit; size = chunkSize()) {
                    copy(body, size, limit);
                    line();
                }
            } else if (headers.containsKey("content-length")) {
                copy(body, Long.parseLong(headers.get("content-length").strip()), limit);
            } else {
                copy(body, Long.MAX_VALUE, limit);
            }
            return body.toString(charsetOf(contentType));
        }

        private long chunkSize() throws IOException {
            String line = line();
            if (line == null) {
                return 0;
            }
            int extension = line.indexOf(';');
            return Long.parseLong((extension < 0 ? line : line.substring(0, extension)).strip(), 16);
        }

        /** Copies up to {@code length} bytes, keeping at most {@code limit} in {@code body}. */
        private void copy(ByteArrayOutputStream body, long length, int limit) throws IOException {
            for (long copied = 0; copied < length && body.size() < limit; copied++) {
                int b = read();
                if (b < 0) {
                    return;
                }
                body.write(b);
            }
        }

        /** A line without its CR LF; null at the end of the stream. */
        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int b = read(); b != '\n'; b = read()) {
                if (b < 0) {
                    return line.isEmpty() ? null : line.toString();
                }
                if (line.length() >= MAX_LINE) {
                    throw new IOException("Header line longer than " + MAX_LINE + " bytes");
                }
                line.append((char) b);
            }
            int end = line.length();
            return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
        }

        private int read() throws IOException {
            if (position == count) {
                socket.setSoTimeout(remainingMillis(deadline));
                position = 0;
                count = Math.max(0, in.read(buffer));
                if (count == 0) {
                    return -1;
                }
            }
            return buffer[position++] & 0xff;
        }
    }

    private static Charset charsetOf(String contentType) {
        int at = contentType.toLowerCase(Locale.ROOT).indexOf("charset=");
        if (at >= 0) {
            String name = contentType.substring(at + "charset=".length()).split(";")[0].strip().replace("\"", "");
            try {
                return Charset.forName(name);
            } catch (IllegalArgumentException unknown) {
                return StandardCharsets.UTF_8;
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static SSLSocketFactory trustingEveryCertificate() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new TrustingEveryCertificate()}, null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available in this JVM", e);
        }
    }

    /**
     * Accepts any server certificate. Being an {@link X509ExtendedTrustManager}, it also keeps JSSE
     * from adding its own host name check, which a plain {@code X509TrustManager} would get.
     */
    private static final class TrustingEveryCertificate extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
