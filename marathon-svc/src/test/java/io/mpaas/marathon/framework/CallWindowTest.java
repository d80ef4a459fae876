package io.mpaas.marathon.framework;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class CallWindowTest {

    private final CallWindow window = new CallWindow(2);
    private final List<String> started = new ArrayList<>();

    private CompletableFuture<Void> call(String name, CompletableFuture<Void> answer) {
        window.submit(() -> {
            started.add(name);
            return answer;
        });
        return answer;
    }

    @Test
    void startsCallsUpToTheWindowAndTheRestInOrderAsAnswersComeIn() {
        CompletableFuture<Void> a = call("a", new CompletableFuture<>());
        CompletableFuture<Void> b = call("b", new CompletableFuture<>());
        call("c", new CompletableFuture<>());
        call("d", new CompletableFuture<>());
        assertThat(started).containsExactly("a", "b");
        assertThat(window.waiting()).isEqualTo(2);

        b.complete(null);
        assertThat(started).containsExactly("a", "b", "c");
        a.completeExceptionally(new IllegalStateException("refused"));
        assertThat(started).containsExactly("a", "b", "c", "d");
        assertThat(window.inFlight()).isEqualTo(2);
        assertThat(window.waiting()).isZero();
    }

    @Test
    void callsAnsweredAtOnceOrNotSentFreeTheirSlotImmediately() {
        CompletableFuture<Void> slow = call("slow", new CompletableFuture<>());
        CompletableFuture<Void> blocker = call("blocker", new CompletableFuture<>());
        for (int i = 0; i < 10_000; i++) {
            call("done-" + i, CompletableFuture.completedFuture(null));
        }
        window.submit(() -> {
            started.add("dropped");
            return null;
        });
        window.submit(() -> {
            throw new IllegalStateException("client closed");
        });
        assertThat(started).hasSize(2);

        slow.complete(null);
        assertThat(started).hasSize(10_003).endsWith("dropped");
        assertThat(window.inFlight()).isEqualTo(1);
        blocker.complete(null);
        assertThat(window.inFlight()).isZero();
        call("later", new CompletableFuture<>());
        assertThat(started).endsWith("later");
    }
}
