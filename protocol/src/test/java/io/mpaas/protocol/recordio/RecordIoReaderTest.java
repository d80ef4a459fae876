package io.mpaas.protocol.recordio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecordIoReaderTest {

    private static final List<String> RECORDS = List.of(
            "{\"type\":\"SUBSCRIBED\",\"subscribed\":{\"framework_id\":{\"value\":\"f-0000\"}}}",
            "{\"type\":\"HEARTBEAT\"}",
            "{\"type\":\"OFFERS\",\"offers\":{\"offers\":[]}}",
            "x");

    @ParameterizedTest(name = "slices of {0} bytes")
    @ValueSource(ints = {1, 2, 3, 5, 7, 11, 64, 4096})
    void findsRecordsByLengthWhateverTheSlicing(int slice) throws IOException {
        byte[] wire = framed(RECORDS);

        List<String> read = readAll(new SlicedInputStream(wire, slice));

        assertThat(read).containsExactlyElementsOf(RECORDS);
    }

    @Test
    void readsSeveralRecordsArrivingInOneRead() throws IOException {
        // One read hands over every record at once, as when a proxy coalesces chunks.
        List<String> read = readAll(new SlicedInputStream(framed(RECORDS), Integer.MAX_VALUE));

        assertThat(read).containsExactlyElementsOf(RECORDS);
    }

    @Test
    void countsLengthInBytesNotCharacters() throws IOException {
        String multiByte = "{\"message\":\"gr\u00fc\u00dfe \u2713\"}";

        List<String> read = readAll(new SlicedInputStream(framed(List.of(multiByte, "y")), 3));

        assertThat(read).containsExactly(multiByte, "y");
    }

    @Test
    void returnsNullAtACleanEndBetweenRecords() throws IOException {
        try (RecordIoReader reader = new RecordIoReader(InputStream.nullInputStream())) {
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void failsWhenTheStreamEndsInsideARecord() {
        byte[] wire = "20\n{\"type\":\"HEAR".getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> readAll(new SlicedInputStream(wire, 4)))
                .isInstanceOf(EOFException.class)
                .hasMessageContaining("inside a RecordIO record");
    }

    @Test
    void failsWhenTheStreamEndsInsideALengthPrefix() {
        byte[] wire = "5\nhello12".getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> readAll(new SlicedInputStream(wire, 1)))
                .isInstanceOf(EOFException.class)
                .hasMessageContaining("length prefix");
    }

    @ParameterizedTest(name = "prefix {0}")
    @ValueSource(strings = {"abc\n{}", "1a\n{}", "-2\n{}", " 2\n{}", "\n{}", "0\nx"})
    void rejectsAMalformedPrefix(String wire) {
        InputStream in = new SlicedInputStream(wire.getBytes(StandardCharsets.US_ASCII), 2);

        assertThatThrownBy(() -> readAll(in))
                .isInstanceOf(IOException.class)
                .isNotInstanceOf(EOFException.class)
                .hasMessageContaining("malformed RecordIO");
    }

    @Test
    void rejectsARecordLongerThanTheLimitWithoutReadingIt() {
        byte[] wire = ((RecordIoReader.MAX_RECORD_BYTES + 1) + "\n").getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> readAll(new SlicedInputStream(wire, 3)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("exceeds the limit");
    }

    @Test
    void frameIsPrefixNewlinePayloadAndNothingAfter() {
        byte[] framed = RecordIo.frame("{\"type\":\"HEARTBEAT\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(new String(framed, StandardCharsets.UTF_8)).isEqualTo("20\n{\"type\":\"HEARTBEAT\"}");
        assertThatThrownBy(() -> RecordIo.frame(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] framed(List<String> records) {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        records.forEach(r -> wire.writeBytes(RecordIo.frame(r.getBytes(StandardCharsets.UTF_8))));
        return wire.toByteArray();
    }

    private static List<String> readAll(InputStream in) throws IOException {
        List<String> records = new ArrayList<>();
        try (RecordIoReader reader = new RecordIoReader(in)) {
            for (byte[] r = reader.next(); r != null; r = reader.next()) {
                records.add(new String(r, StandardCharsets.UTF_8));
            }
        }
        return records;
    }

    /** Hands out at most {@code slice} bytes per read, like a stream re-chunked by a proxy. */
    private static final class SlicedInputStream extends InputStream {
        private final byte[] data;
        private final int slice;
        private int position;

        SlicedInputStream(byte[] data, int slice) {
            this.data = data;
            this.slice = slice;
        }

        @Override
        public int read() {
            return position < data.length ? data[position++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= data.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, slice), data.length - position);
            System.arraycopy(data, position, b, off, n);
            position += n;
            return n;
        }
    }
}
