package io.mpaas.protocol.recordio;

import java.nio.charset.StandardCharsets;

/**
 * Mesos's RecordIO framing: each record is its byte length in ASCII decimal, a newline, then
 * exactly that many bytes, with nothing after. The same framing carries framework, operator and
 * agent streams.
 */
public final class RecordIo {

    private RecordIo() {
    }

    /**
     * One framed record, length prefix and payload in one array, so that a writer can put it
     * on the wire as a single chunk (some clients break when a prefix and its payload arrive apart).
     */
    public static byte[] frame(byte[] payload) {
        if (payload.length == 0) {
            throw new IllegalArgumentException("a RecordIO record is never empty");
        }
        byte[] prefix = (payload.length + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] framed = new byte[prefix.length + payload.length];
        System.arraycopy(prefix, 0, framed, 0, prefix.length);
        System.arraycopy(payload, 0, framed, prefix.length, payload.length);
        return framed;
    }
}
