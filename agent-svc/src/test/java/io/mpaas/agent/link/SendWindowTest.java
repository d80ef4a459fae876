package io.mpaas.agent.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class SendWindowTest {

    private final List<String> started = new ArrayList<>();
    private final List<CompletableFuture<Void>> answers = new ArrayList<>();

    private void submit(SendWindow window, String name) {
        window.submit(() -> {
            started.add(name);
            CompletableFuture<Void> answer = new CompletableFuture<>();
            answers.add(answer);
            return answer;
        });
    }

    @Test
    void atMostTheLimitIsInFlightAndTheRestFollowsInOrderAsAnswersCome() {
        SendWindow window = new SendWindow(2);
        for (String name : List.of("a", "b", "c", "d")) {
            submit(window, name);
        }
        assertThat(started).containsExactly("a", "b");
        assertThat(window.waiting()).isEqualTo(2);

        answers.get(1).complete(null);
        assertThat(started).containsExactly("a", "b", "c");
        answers.get(0).completeExceptionally(new IllegalStateException("master answered 503"));
        assertThat(started).containsExactly("a", "b", "c", "d");

        answers.get(2).complete(null);
        answers.get(3).complete(null);
        assertThat(window.inFlight()).isZero();
        assertThat(window.waiting()).isZero();
    }

    @Test
    void callsThatEndAtOnceFreeTheirSlotAtOnce() {
        SendWindow window = new SendWindow(1);
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            int n = i;
            window.submit(() -> {
                sent.add("u" + n);
                return CompletableFuture.failedFuture(new IllegalStateException("agent link is not connected"));
            });
        }
        assertThat(sent).hasSize(10_000);
        assertThat(window.inFlight()).isZero();
    }

    @Test
    void aCallThatThrowsFreesItsSlot() {
        SendWindow window = new SendWindow(1);
        window.submit(() -> {
            throw new IllegalStateException("cannot serialise");
        });
        submit(window, "next");
        assertThat(started).containsExactly("next");
        assertThatThrownBy(() -> new SendWindow(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
