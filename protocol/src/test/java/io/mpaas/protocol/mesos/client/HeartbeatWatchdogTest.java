package io.mpaas.protocol.mesos.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HeartbeatWatchdogTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final HeartbeatWatchdog watchdog = new HeartbeatWatchdog(clock, 5, Duration.ofSeconds(10));

    @Test
    void waitsForTheFirstEventNoLongerThanTheFirstEventTimeout() {
        clock.advance(Duration.ofMillis(9_999));
        assertThat(watchdog.expired()).isFalse();
        assertThat(watchdog.remaining()).isEqualTo(Duration.ofMillis(1));

        clock.advance(Duration.ofMillis(1));
        assertThat(watchdog.expired()).isTrue();
        assertThat(watchdog.remaining()).isZero();
    }

    @Test
    void allowsTheConfiguredNumberOfHeartbeatIntervalsAfterSubscribed() {
        watchdog.subscribed(0.2);

        assertThat(watchdog.window()).isEqualTo(Duration.ofSeconds(1));
        clock.advance(Duration.ofMillis(999));
        assertThat(watchdog.expired()).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(watchdog.expired()).isTrue();
    }

    @Test
    void everyEventPushesTheDeadlineBack() {
        watchdog.subscribed(15.0);

        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofSeconds(74));
            assertThat(watchdog.expired()).isFalse();
            watchdog.eventSeen();
        }
        clock.advance(Duration.ofSeconds(75));
        assertThat(watchdog.expired()).isTrue();
    }

    @Test
    void usesMesossDefaultIntervalWhenSubscribedNamesNone() {
        watchdog.subscribed(null);
        assertThat(watchdog.window()).isEqualTo(Duration.ofSeconds(75));

        watchdog.subscribed(0.0);
        assertThat(watchdog.window()).isEqualTo(Duration.ofSeconds(75));

        watchdog.subscribed(Double.NaN);
        assertThat(watchdog.window()).isEqualTo(Duration.ofSeconds(75));
    }
}
