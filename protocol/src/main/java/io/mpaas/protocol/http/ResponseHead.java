package io.mpaas.protocol.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The status line and headers of an HTTP/1.x response, read from the connection byte by byte (the
 * stream should be buffered); {@code 1xx} interim responses are skipped.
 *
 * @param headers names in lower case, the last value of a repeated name wins
 */
record ResponseHead(int status, boolean http10, Map<String, String> headers) {

    /** A response line longer than this is refused. */
    static final int MAX_LINE = 16 * 1024;

    /**
     * @param firstByte runs for every byte read (so at least once when anything of the response
     *     arrived): a kept-alive connection that closes before it is known not to have seen the request
     */
    static ResponseHead read(InputStream in, Runnable firstByte) throws IOException {
        while (true) {
            String statusLine = line(in, firstByte);
            if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12 || statusLine.charAt(8) != ' ') {
                throw new IOException("not an HTTP/1.x status line: " + printable(statusLine));
            }
            int status = parseStatus(statusLine);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line = line(in, firstByte); !line.isEmpty(); line = line(in, firstByte)) {
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    throw new IOException("malformed header line: " + printable(line));
                }
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
            if (status < 100 || status >= 200) {
                return new ResponseHead(status, statusLine.charAt(7) == '0', headers);
            }
        }
    }

    /** The value of a header, or null. */
    String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** Whether the connection may carry another request after this response's body. */
    boolean keepAlive() {
        String connection = headers.getOrDefault("connection", "").toLowerCase(Locale.ROOT);
        return http10 ? connection.contains("keep-alive") : !connection.contains("close");
    }

    /** Whether the response has no body whatever its headers say. */
    boolean bodiless() {
        return status == 204 || status == 304;
    }

    boolean chunked() {
        String encoding = headers.get("transfer-encoding");
        return encoding != null && encoding.toLowerCase(Locale.ROOT).endsWith("chunked");
    }

    /**
     * The declared body length, or -1 when there is none (chunked, or delimited by the connection's end).
     *
     * @throws IOException when the header is not a length of at most {@code max}
     */
    long contentLength(long max) throws IOException {
        String length = headers.get("content-length");
        if (length == null || chunked()) {
            return -1;
        }
        long n;
        try {
            n = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            throw new IOException("malformed Content-Length: " + printable(length));
        }
        if (n < 0 || n > max) {
            throw new IOException("response body of " + n + " bytes refused");
        }
        return n;
    }

    private static int parseStatus(String statusLine) throws IOException {
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

    /**
     * One line without its CRLF (or LF), as ISO-8859-1.
     *
     * @param onByte runs for every byte read; null for none
     */
    static String line(InputStream in, Runnable onByte) throws IOException {
        StringBuilder line = new StringBuilder(64);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException(line.isEmpty() && onByte != null
                        ? "connection closed before the response" : "connection closed inside the response");
            }
            if (onByte != null) {
                onByte.run();
            }
            if (b == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                return line.toString();
            }
            if (line.length() >= MAX_LINE) {
                throw new IOException("response line over " + MAX_LINE + " bytes");
            }
            line.append((char) b);
        }
    }

    static String printable(String text) {
        String shown = text.length() > 100 ? text.substring(0, 100) + "..." : text;
        return shown.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
