package io.mpaas.protocol.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * The content of a chunked HTTP/1.1 body ({@code Transfer-Encoding: chunked}): chunk sizes,
 * extensions and trailers are read and dropped, the data is passed through. Ends (-1) after the
 * last chunk and its trailers, leaving the connection at the next response.
 */
final class ChunkedInputStream extends InputStream {

    private final InputStream in;
    private final long limit;
    /** Bytes left in the current chunk; 0 between chunks. */
    private int remaining;
    private long total;
    private boolean ended;

    /**
     * @param in the connection after the response's head (buffered: sizes are read a byte at a time)
     * @param limit the most content accepted; more is an {@link IOException}
     */
    ChunkedInputStream(InputStream in, long limit) {
        this.in = in;
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (remaining == 0 && !nextChunk()) {
            return -1;
        }
        int n = in.read(b, off, Math.min(len, remaining));
        if (n < 0) {
            throw new EOFException("response ended inside a chunk");
        }
        remaining -= n;
        if (remaining == 0 && !ResponseHead.line(in, null).isEmpty()) {
            throw new IOException("chunk not followed by CRLF");
        }
        return n;
    }

    @Override
    public int available() throws IOException {
        return Math.min(remaining, in.available());
    }

    /** Reads the next chunk's size; false after the last chunk (its trailers read). */
    private boolean nextChunk() throws IOException {
        if (ended) {
            return false;
        }
        String sizeLine = ResponseHead.line(in, null);
        int semicolon = sizeLine.indexOf(';');
        String hex = (semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim();
        int size;
        try {
            size = Integer.parseInt(hex, 16);
        } catch (NumberFormatException e) {
            throw new IOException("malformed chunk size: " + ResponseHead.printable(sizeLine));
        }
        if (size < 0 || total + size > limit) {
            throw new IOException("response body over " + limit + " bytes");
        }
        if (size == 0) {
            while (!ResponseHead.line(in, null).isEmpty()) {
                // Trailers are not used.
            }
            ended = true;
            return false;
        }
        total += size;
        remaining = size;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
