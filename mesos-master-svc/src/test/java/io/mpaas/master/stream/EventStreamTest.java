package io.mpaas.master.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The stream's queue: its bound, its end, and which writer may serve it. */
class EventStreamTest {

    private final AtomicInteger closed = new AtomicInteger();

    private EventStream<String> stream(int capacity, String heartbeat) {
        EventStream<String> stream = new EventStream<>("s", s -> s.getBytes(StandardCharsets.UTF_8), heartbeat,
                Duration.ofSeconds(15), capacity);
        stream.onClosed(closed::incrementAndGet);
        return stream;
    }

    @Test
    void anOverflowDiscardsWhatIsQueuedAndEndsTheStream() {
        EventStream<String> stream = stream(2, null);
        assertThat(stream.send("a")).isTrue();
        assertThat(stream.send("b")).isTrue();
        assertThat(stream.send("c")).isFalse();
        assertThat(stream.send("d")).as("refused once dropped").isFalse();

        assertThat(stream.drain()).isEmpty();
        assertThat(stream.isOpen()).isFalse();
        assertThat(closed).hasValue(1);
    }

    @Test
    void closeDeliversWhatIsQueuedAndRefusesLaterEvents() {
        EventStream<String> stream = stream(10, null);
        stream.send("a");
        stream.close();
        assertThat(stream.send("b")).isFalse();
        assertThat(stream.drain()).containsExactly("a");
        assertThat(stream.isOpen()).isFalse();
        assertThat(closed).hasValue(1);
    }

    @Test
    void abortEndsTheStreamOnceWithoutWritingAnything() {
        EventStream<String> stream = stream(10, null);
        stream.send("a");
        stream.abort();
        stream.abort();
        stream.close();
        assertThat(stream.isOpen()).isFalse();
        assertThat(closed).hasValue(1);
        assertThat(stream.send("b")).isFalse();
    }

    @Test
    void aStreamWithAHeartbeatIsNotServedWithoutAThread() {
        EventStream<String> withHeartbeat = stream(10, "heartbeat");
        try (NonBlockingStreams streams = new NonBlockingStreams()) {
            assertThatThrownBy(() -> streams.serve(withHeartbeat, null, null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("heartbeat");
        }
        assertThat(withHeartbeat.isOpen()).isTrue();
    }
}
