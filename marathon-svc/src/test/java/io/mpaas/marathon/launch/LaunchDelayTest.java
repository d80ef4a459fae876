package io.mpaas.marathon.launch;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpaas.protocol.marathon.App;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LaunchDelayTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final App APP = App.withId("/web").toBuilder().backoffSeconds(1).backoffFactor(1.15)
            .maxLaunchDelaySeconds(300).build();

    @Test
    void theFirstFailureWaitsBackoffSecondsAndEachFurtherOneMultipliesIt() {
        LaunchDelay first = LaunchDelay.raise(null, APP, T0);
        assertThat(first.delay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(first.until()).isEqualTo(T0.plusSeconds(1));
        LaunchDelay second = LaunchDelay.raise(first, APP, T0.plusSeconds(2));
        assertThat(second.delay()).isEqualTo(Duration.ofMillis(1150));
    }

    @Test
    void afterTenFailuresTheDelayIsAboutFourSeconds() {
        LaunchDelay delay = null;
        Instant now = T0;
        for (int i = 0; i < 10; i++) {
            delay = LaunchDelay.raise(delay, APP, now);
            now = delay.until();
        }
        assertThat(delay.delay().toMillis()).isBetween(3_500L, 4_100L);
    }

    @Test
    void theDelayIsCappedAtMaxLaunchDelay() {
        App app = APP.toBuilder().backoffSeconds(200).backoffFactor(2.0).build();
        LaunchDelay delay = LaunchDelay.raise(LaunchDelay.raise(null, app, T0), app, T0.plusSeconds(1));
        assertThat(delay.delay()).isEqualTo(Duration.ofSeconds(300));
    }

    @Test
    void aRunningInstanceDoesNotResetTheDelayButALongQuietSpellDoes() {
        LaunchDelay first = LaunchDelay.raise(null, APP, T0);
        // Failing again soon after launch keeps growing the delay.
        assertThat(LaunchDelay.raise(first, APP, T0.plusSeconds(60)).delay()).isEqualTo(Duration.ofMillis(1150));
        // Up for delay + maxLaunchDelay without failing: the next failure starts over.
        assertThat(first.expired(APP, T0.plusSeconds(301))).isTrue();
        assertThat(LaunchDelay.raise(first, APP, T0.plusSeconds(400)).delay()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void instantsAreKeptToTheMillisecondAsTheyAreStored() {
        LaunchDelay delay = LaunchDelay.raise(null, APP, T0.plusNanos(1_234_567));

        assertThat(delay.lastFailure()).isEqualTo(T0.plusMillis(1));
        assertThat(delay.until()).isEqualTo(T0.plusMillis(1_001));
    }
}
