package io.mpaas.master.operator;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.SerializableString;

/**
 * A JSON value rendered once to UTF-8 and written many times with
 * {@link tools.jackson.core.JsonGenerator#writeRawValue(SerializableString)}, which copies the
 * bytes straight into the generator's buffer. Unlike Jackson's {@code SerializedString} it keeps
 * only the bytes (no second copy as a String): a hundred thousand cached tasks stay small.
 */
final class RenderedJson implements SerializableString {

    private final byte[] utf8;

    RenderedJson(byte[] utf8) {
        this.utf8 = utf8;
    }

    int length() {
        return utf8.length;
    }

    @Override
    public String getValue() {
        return new String(utf8, StandardCharsets.UTF_8);
    }

    @Override
    public int charLength() {
        return getValue().length();
    }

    @Override
    public byte[] asUnquotedUTF8() {
        return utf8;
    }

    @Override
    public int appendUnquotedUTF8(byte[] buffer, int offset) {
        // -1 tells the generator the bytes do not fit; it then writes asUnquotedUTF8() through.
        if (offset + utf8.length > buffer.length) {
            return -1;
        }
        System.arraycopy(utf8, 0, buffer, offset, utf8.length);
        return utf8.length;
    }

    @Override
    public int writeUnquotedUTF8(OutputStream out) throws IOException {
        out.write(utf8);
        return utf8.length;
    }

    @Override
    public int putUnquotedUTF8(ByteBuffer buffer) {
        if (buffer.remaining() < utf8.length) {
            return -1;
        }
        buffer.put(utf8);
        return utf8.length;
    }

    @Override
    public int appendUnquoted(char[] buffer, int offset) {
        String value = getValue();
        if (offset + value.length() > buffer.length) {
            return -1;
        }
        value.getChars(0, value.length(), buffer, offset);
        return value.length();
    }

    // A raw value is never quoted; the quoted forms exist only to satisfy the interface.

    @Override
    public char[] asQuotedChars() {
        throw new UnsupportedOperationException("a rendered JSON value is written raw, never quoted");
    }

    @Override
    public byte[] asQuotedUTF8() {
        throw new UnsupportedOperationException("a rendered JSON value is written raw, never quoted");
    }

    @Override
    public int appendQuotedUTF8(byte[] buffer, int offset) {
        throw new UnsupportedOperationException("a rendered JSON value is written raw, never quoted");
    }

    @Override
    public int appendQuoted(char[] buffer, int offset) {
        throw new UnsupportedOperationException("a rendered JSON value is written raw, never quoted");
    }

    @Override
    public int writeQuotedUTF8(OutputStream out) {
        throw new UnsupportedOperationException("a rendered JSON value is written raw, never quoted");
    }

    @Override
    public int putQuotedUTF8(ByteBuffer buffer) {
        throw new UnsupportedOperationException("a rendered JSON value is written raw, never quoted");
    }

    @Override
    public String toString() {
        return getValue();
    }
}
