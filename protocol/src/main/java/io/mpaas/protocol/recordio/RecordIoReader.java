package io.mpaas.protocol.recordio;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads RecordIO records from a stream, whatever the HTTP chunking: proxies may re-chunk a
 * stream freely, so records are found by their length prefixes only.
 */
public final class RecordIoReader implements AutoCloseable {

    /** A record longer than this is taken as a corrupt stream rather than read into memory. */
    public static final long MAX_RECORD_BYTES = 256L * 1024 * 1024;

    /** Read-ahead: several small records (updates, pings) per read, and room for a large one's start. */
    static final int BUFFER_BYTES = 16 * 1024;

    private final InputStream in;

    /**
     * @param in the stream; read through a buffer of its own unless it is buffered already. The length
     *     prefix is read a byte at a time, and each byte read from the JDK HTTP client's response stream
     *     goes through its locking and buffer bookkeeping: in the launch benchmark that was a good part
     *     of a scheduler's and an agent's time reading events.
     */
    public RecordIoReader(InputStream in) {
        this.in = in instanceof BufferedInputStream || in instanceof ByteArrayInputStream ? in
                : new BufferedInputStream(in, BUFFER_BYTES);
    }

    /**
     * The next record, or {@code null} at a clean end of stream (between records).
     *
     * @throws IOException on a broken or malformed stream
     */
    public byte[] next() throws IOException {
        long length = 0;
        int digits = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (digits == 0) {
                    return null;
                }
                throw new EOFException("stream ended inside a RecordIO length prefix");
            }
            if (b == '\n') {
                break;
            }
            if (b < '0' || b > '9') {
                throw new IOException("malformed RecordIO length prefix: unexpected byte " + b);
            }
            length = length * 10 + (b - '0');
            digits++;
            if (length > MAX_RECORD_BYTES) {
                throw new IOException("RecordIO record of " + length + "+ bytes exceeds the limit");
            }
        }
        if (digits == 0 || length == 0) {
            throw new IOException("malformed RecordIO record: empty length");
        }
        byte[] record = in.readNBytes((int) length);
        if (record.length < length) {
            throw new EOFException("stream ended inside a RecordIO record");
        }
        return record;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
