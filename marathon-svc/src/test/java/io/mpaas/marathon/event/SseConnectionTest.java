package io.mpaas.marathon.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SseConnectionTest {

    private static final Duration LONG = Duration.ofMinutes(1);

    @Test
    void framesEachEventAsEventAndDataLinesInOrder() throws Exception {
        SseConnection connection = new SseConnection("10.0.0.1", Set.of(), LONG, 8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread writer = Thread.ofVirtual().start(() -> connection.serve(out));
        connection.offer("app_terminated_event", "{\"appId\":\"/a\"}");
        connection.offer("scheduler_disconnected_event", "{}");
        String expected = "event: app_terminated_event\ndata: {\"appId\":\"/a\"}\n\n"
                + "event: scheduler_disconnected_event\ndata: {}\n\n";
        await().atMost(Duration.ofSeconds(5)).until(() -> out.toString(StandardCharsets.UTF_8).equals(expected));
        connection.close();
        writer.join(Duration.ofSeconds(5));
        assertThat(writer.isAlive()).isFalse();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    @Test
    void keepsOnlyTheRequestedTypes() throws Exception {
        SseConnection connection = new SseConnection("10.0.0.1", Set.of("b", "c"), LONG, 8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread writer = Thread.ofVirtual().start(() -> connection.serve(out));
        connection.offer("a", "1");
        connection.offer("b", "2");
        connection.offer("a", "3");
        connection.offer("c", "4");
        String expected = "event: b\ndata: 2\n\nevent: c\ndata: 4\n\n";
        await().atMost(Duration.ofSeconds(5)).until(() -> out.toString(StandardCharsets.UTF_8).equals(expected));
        connection.close();
        writer.join(Duration.ofSeconds(5));
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    @Test
    void sendsACommentAfterSilence() throws Exception {
        SseConnection connection = new SseConnection("10.0.0.1", Set.of(), Duration.ofMillis(20), 8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread writer = Thread.ofVirtual().start(() -> connection.serve(out));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> out.toString(StandardCharsets.UTF_8).startsWith(":\n\n:\n\n"));
        connection.close();
        writer.join(Duration.ofSeconds(5));
        assertThat(out.toString(StandardCharsets.UTF_8)).matches("(:\n\n)+");
    }

    @Test
    void aClientThatFallsBehindIsClosedAndItsQueueDropped() {
        SseConnection connection = new SseConnection("10.0.0.1", Set.of(), LONG, 2);
        AtomicInteger closed = new AtomicInteger();
        connection.onClose(closed::incrementAndGet);
        connection.offer("a", "1");
        connection.offer("a", "2");
        assertThat(connection.isOpen()).isTrue();
        connection.offer("a", "3");
        connection.offer("a", "4");
        assertThat(connection.isOpen()).isFalse();
        assertThat(closed).hasValue(1);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        connection.serve(out);
        assertThat(out.size()).isZero();
        assertThat(closed).hasValue(1);
    }

    @Test
    void aFailedWriteEndsTheStream() {
        SseConnection connection = new SseConnection("10.0.0.1", Set.of(), LONG, 8);
        AtomicInteger closed = new AtomicInteger();
        connection.onClose(closed::incrementAndGet);
        connection.offer("a", "1");
        connection.serve(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        });
        assertThat(connection.isOpen()).isFalse();
        assertThat(closed).hasValue(1);
    }
}
