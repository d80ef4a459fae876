package io.mpaas.protocol.mesos.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final Duration MIN = Duration.ofMillis(100);
    private static final Duration MAX = Duration.ofSeconds(15);

    @Test
    void doublesTheRangeUpToTheCapWithJitterInTheUpperHalf() {
        Backoff backoff = new Backoff(MIN, MAX, new Random(42));

        for (long ceiling : new long[] {100, 200, 400, 800, 1600, 3200, 6400, 12800, 15000, 15000, 15000}) {
            assertThat(backoff.next().toMillis()).isBetween(ceiling / 2, ceiling);
        }
    }

    @Test
    void spreadsDelaysApart() {
        Backoff a = new Backoff(MIN, MAX, new Random(1));
        Backoff b = new Backoff(MIN, MAX, new Random(2));
        a.next();
        b.next();

        assertThat(a.next()).isNotEqualTo(b.next());
    }

    @Test
    void resetStartsOverFromTheMinimum() {
        Backoff backoff = new Backoff(MIN, MAX, new Random(7));
        for (int i = 0; i < 10; i++) {
            backoff.next();
        }

        backoff.reset();

        assertThat(backoff.next()).isBetween(MIN.dividedBy(2), MIN);
    }

    @Test
    void exhaustedJumpsToTheTopAndStaysThere() {
        Backoff backoff = new Backoff(MIN, MAX, new Random(3));

        assertThat(backoff.exhausted()).isBetween(MAX.dividedBy(2), MAX);
        assertThat(backoff.next()).isBetween(MAX.dividedBy(2), MAX);
    }

    @Test
    void neverOverflowsAfterManyAttempts() {
        Backoff backoff = new Backoff(Duration.ofMillis(1), Duration.ofDays(365_000),
                RandomGenerator.of("L64X128MixRandom"));

        for (int i = 0; i < 500; i++) {
            assertThat(backoff.next()).isPositive().isLessThanOrEqualTo(Duration.ofDays(365_000));
        }
    }

    @Test
    void rejectsAnEmptyRange() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, MAX, new Random()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(MAX, MIN, new Random())).isInstanceOf(IllegalArgumentException.class);
    }
}
