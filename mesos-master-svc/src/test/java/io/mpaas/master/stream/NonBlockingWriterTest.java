package io.mpaas.master.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mpaas.protocol.recordio.RecordIoReader;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The non-blocking writer against a response whose readiness the test controls. */
class NonBlockingWriterTest {

    /** A response that takes {@code budget} more bytes before it reports not ready. */
    private static final class FakeResponse extends ServletOutputStream {

        final ByteArrayOutputStream written = new ByteArrayOutputStream();
        final AtomicInteger flushes = new AtomicInteger();
        int budget = Integer.MAX_VALUE;
        boolean broken;

        @Override
        public synchronized boolean isReady() {
            return budget > 0;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
        }

        @Override
        public synchronized void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            if (broken) {
                throw new IOException("Broken pipe");
            }
            if (budget <= 0) {
                throw new IllegalStateException("write while not ready");
            }
            written.write(b, off, len);
            budget -= len;
        }

        @Override
        public void flush() {
            flushes.incrementAndGet();
        }

        synchronized List<String> records() throws IOException {
            List<String> records = new ArrayList<>();
            try (RecordIoReader reader = new RecordIoReader(new ByteArrayInputStream(written.toByteArray()))) {
                for (byte[] r = reader.next(); r != null; r = reader.next()) {
                    records.add(new String(r, StandardCharsets.UTF_8));
                }
            }
            return records;
        }

        /** The socket drained: ready again. */
        synchronized void drained() {
            budget = Integer.MAX_VALUE;
        }
    }

    /** Runs the writer's wake-ups when the test says so. */
    private static final class ManualExecutor implements java.util.concurrent.Executor {

        final Queue<Runnable> tasks = new ArrayDeque<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        void runAll() {
            for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
                task.run();
            }
        }
    }

    private final FakeResponse out = new FakeResponse();
    private final ManualExecutor executor = new ManualExecutor();
    private final AtomicInteger completed = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();

    private EventStream<String> stream(int capacity) {
        EventStream<String> stream = new EventStream<>("s", s -> s.getBytes(StandardCharsets.UTF_8), null,
                Duration.ofSeconds(15), capacity);
        stream.onClosed(closed::incrementAndGet);
        return stream;
    }

    private NonBlockingWriter<String> writer(EventStream<String> stream) {
        return new NonBlockingWriter<>(stream, out, completed::incrementAndGet, executor);
    }

    @Test
    void writesWhatWasQueuedBeforeTheFirstCallbackThenWakesOnNewEvents() throws Exception {
        EventStream<String> stream = stream(100);
        stream.send("registered");
        NonBlockingWriter<String> writer = writer(stream);
        stream.send("early");
        assertThat(out.records()).isEmpty();

        writer.onWritePossible();
        assertThat(out.records()).containsExactly("registered", "early");
        assertThat(out.flushes).hasValue(1);

        stream.send("ping");
        assertThat(out.records()).as("written by the executor, not by the sender").hasSize(2);
        executor.runAll();
        assertThat(out.records()).containsExactly("registered", "early", "ping");
        assertThat(out.flushes).hasValue(2);
        assertThat(completed).hasValue(0);
        assertThat(stream.isOpen()).isTrue();
    }

    @Test
    void aBurstGoesOutWithOneFlushAndOneWakeUp() throws Exception {
        EventStream<String> stream = stream(100);
        writer(stream).onWritePossible();
        for (int i = 0; i < 10; i++) {
            stream.send("e" + i);
        }
        assertThat(executor.tasks).hasSize(1);
        executor.runAll();
        assertThat(out.records()).hasSize(10).first().isEqualTo("e0");
        assertThat(out.flushes).hasValue(1);
    }

    @Test
    void aSlowReaderGetsItsEventsWhenTheSocketTakesBytesAgain() throws Exception {
        EventStream<String> stream = stream(100);
        NonBlockingWriter<String> writer = writer(stream);
        writer.onWritePossible();
        out.budget = 5;
        stream.send("first-event");
        stream.send("second");
        stream.send("third");
        executor.runAll();
        assertThat(out.records()).as("the socket took one record, then was full").containsExactly("first-event");

        stream.send("fourth");
        executor.runAll();
        assertThat(out.records()).hasSize(1);

        out.drained();
        writer.onWritePossible();
        assertThat(out.records()).containsExactly("first-event", "second", "third", "fourth");
        assertThat(stream.isOpen()).isTrue();
        assertThat(completed).hasValue(0);
    }

    @Test
    void aStuckReaderIsDroppedWhenItsQueueOverflowsWithoutWaitingForTheSocket() throws Exception {
        EventStream<String> stream = stream(3);
        writer(stream).onWritePossible();
        out.budget = 1;
        stream.send("taken");
        executor.runAll();
        for (int i = 0; i < 3; i++) {
            assertThat(stream.send("waiting-" + i)).isTrue();
        }
        assertThat(stream.send("one-too-many")).isFalse();
        assertThat(stream.isOpen()).as("open until the writer ran").isTrue();

        executor.runAll();
        assertThat(stream.isOpen()).isFalse();
        assertThat(closed).hasValue(1);
        assertThat(completed).hasValue(1);
        assertThat(stream.send("later")).isFalse();
        assertThat(out.records()).containsExactly("taken");
    }

    @Test
    void closeEndsTheResponseAfterWhatIsQueued() throws Exception {
        EventStream<String> stream = stream(100);
        writer(stream).onWritePossible();
        stream.send("last");
        stream.close();
        assertThat(stream.send("after close")).isFalse();
        executor.runAll();
        assertThat(out.records()).containsExactly("last");
        assertThat(completed).hasValue(1);
        assertThat(closed).hasValue(1);
        assertThat(stream.isOpen()).isFalse();
    }

    @Test
    void aBrokenConnectionEndsTheStreamOnce() throws Exception {
        EventStream<String> stream = stream(100);
        NonBlockingWriter<String> writer = writer(stream);
        writer.onWritePossible();
        out.broken = true;
        stream.send("ping");
        executor.runAll();
        assertThat(stream.isOpen()).isFalse();
        assertThat(closed).hasValue(1);
        assertThat(completed).hasValue(1);

        writer.onError(new IOException("Connection reset"));
        writer.onComplete(null);
        assertThat(closed).hasValue(1);
        assertThat(completed).hasValue(1);
    }

    @Test
    void theContainerReportingAnErrorEndsTheStream() {
        EventStream<String> stream = stream(100);
        NonBlockingWriter<String> writer = writer(stream);
        writer.onWritePossible();
        writer.onError(new IOException("Connection reset"));
        assertThat(stream.isOpen()).isFalse();
        assertThat(closed).hasValue(1);
        assertThat(completed).hasValue(1);
        assertThat(stream.send("ping")).isFalse();
    }

    @Test
    void eventsFromManyThreadsAreEachWrittenOnce() throws Exception {
        EventStream<String> stream = stream(1_000_000);
        try (ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor();
                ExecutorService senders = Executors.newFixedThreadPool(4)) {
            NonBlockingWriter<String> writer = new NonBlockingWriter<>(stream, out, completed::incrementAndGet,
                    writers);
            writer.onWritePossible();
            for (int t = 0; t < 4; t++) {
                int sender = t;
                senders.execute(() -> {
                    for (int i = 0; i < 5_000; i++) {
                        stream.send(sender + ":" + i);
                    }
                });
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> out.records().size() == 20_000);
        }
        List<String> records = out.records();
        assertThat(records).doesNotHaveDuplicates();
        for (int t = 0; t < 4; t++) {
            String prefix = t + ":";
            assertThat(records.stream().filter(r -> r.startsWith(prefix)).map(r -> Integer.parseInt(r.substring(2))))
                    .as("each sender's events in its order").isSorted();
        }
    }
}
