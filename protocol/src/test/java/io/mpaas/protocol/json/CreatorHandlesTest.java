package io.mpaas.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mpaas.protocol.mesos.MesosJson;
import io.mpaas.protocol.mesos.TaskStatus;
import io.mpaas.protocol.mesos.scheduler.Call;
import io.mpaas.protocol.mesos.scheduler.Event;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.exc.ValueInstantiationException;
import tools.jackson.databind.json.JsonMapper;

/** Records read through {@link CreatorHandles} are the records Jackson makes by itself, failures included. */
class CreatorHandlesTest {

    public record Point(int x, int y, String label) {
        public Point {
            if (x < 0) {
                throw new IllegalArgumentException("x must not be negative");
            }
        }
    }

    record Hidden(String a, List<String> b) {
    }

    /** Notes whether it was made through {@link CreatorHandles.Spreading}. */
    public record Traced(int a, int b, boolean spread) {
        public Traced {
            spread = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                    .walk(frames -> frames.anyMatch(f -> f.getDeclaringClass() == CreatorHandles.Spreading.class));
        }
    }

    private static final JsonMapper PLAIN = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();
    private static final JsonMapper SPREADING = PLAIN.rebuild().addModule(new CreatorHandles()).build();

    @Test
    void makesTheSameRecords() {
        String json = "{\"x\":1,\"y\":2,\"label\":\"p\",\"extra\":true}";
        assertThat(SPREADING.readValue(json, Point.class)).isEqualTo(PLAIN.readValue(json, Point.class))
                .isEqualTo(new Point(1, 2, "p"));
        assertThat(SPREADING.readValue("{\"y\":2}", Point.class)).isEqualTo(new Point(0, 2, null));
        String hidden = "{\"a\":\"x\",\"b\":[\"1\",\"2\"]}";
        assertThat(SPREADING.readValue(hidden, Hidden.class)).isEqualTo(new Hidden("x", List.of("1", "2")));
    }

    /** One component, read from an object: still a property-based creator with an argument array. */
    public record Wrapped(String value, boolean spread) {
        public Wrapped {
            spread = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                    .walk(frames -> frames.anyMatch(f -> f.getDeclaringClass() == CreatorHandles.Spreading.class));
        }
    }

    @Test
    void callsTheConstructorThroughTheSpreadingHandle() {
        Wrapped wrapped = SPREADING.readValue("{\"value\":\"v\"}", Wrapped.class);
        assertThat(wrapped.value()).isEqualTo("v");
        assertThat(wrapped.spread()).isTrue();
        assertThat(SPREADING.readValue("{\"a\":1,\"b\":2}", Traced.class).spread()).isTrue();
        assertThat(PLAIN.readValue("{\"a\":1,\"b\":2}", Traced.class).spread()).isFalse();
    }

    @Test
    void failsAsJacksonDoes() {
        String json = "{\"x\":-1,\"y\":2}";
        Throwable plain = catchJackson(() -> PLAIN.readValue(json, Point.class));
        assertThatThrownBy(() -> SPREADING.readValue(json, Point.class))
                .isInstanceOf(ValueInstantiationException.class)
                .isExactlyInstanceOf(plain.getClass())
                .hasMessage(plain.getMessage())
                .hasRootCauseInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsMesosCallsAndEventsAsBefore() {
        JsonMapper plainMesos = MesosJson.mapper().rebuild().removeAllModules()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
        String ack = "{\"framework_id\":{\"value\":\"f\"},\"type\":\"ACKNOWLEDGE\",\"acknowledge\":{\"agent_id\":"
                + "{\"value\":\"a\"},\"task_id\":{\"value\":\"t\"},\"uuid\":\"dXVpZA==\"}}";
        assertThat(MesosJson.read(ack, Call.class)).isEqualTo(plainMesos.readValue(ack, Call.class));
        String update = "{\"type\":\"UPDATE\",\"update\":{\"status\":{\"task_id\":{\"value\":\"t\"},\"state\":"
                + "\"TASK_RUNNING\",\"source\":\"SOURCE_EXECUTOR\",\"agent_id\":{\"value\":\"a\"},\"timestamp\":1.5,"
                + "\"uuid\":\"dXVpZA==\",\"healthy\":true}}}";
        Event event = MesosJson.read(update, Event.class);
        assertThat(event).isEqualTo(plainMesos.readValue(update, Event.class));
        TaskStatus status = event.update().status();
        assertThat(status.state().name()).isEqualTo("TASK_RUNNING");
        assertThat(status.uuid()).isEqualTo("dXVpZA==");
    }

    private static Throwable catchJackson(Runnable read) {
        try {
            read.run();
        } catch (JacksonException e) {
            return e;
        }
        throw new AssertionError("expected a failure");
    }
}
