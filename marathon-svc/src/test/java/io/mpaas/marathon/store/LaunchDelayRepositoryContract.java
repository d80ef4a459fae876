package io.mpaas.marathon.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.launch.LaunchDelay;
import io.mpaas.marathon.launch.LaunchDelayRepository;
import io.mpaas.marathon.launch.LaunchDelays.Key;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What every {@link LaunchDelayRepository} must do, run against the in-memory store and the JDBC one. */
abstract class LaunchDelayRepositoryContract {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00.000Z");
    static final PathId WEB = PathId.of("/prod/web");
    static final Key WEB_V1 = new Key(WEB, T0);
    static final Key WEB_V2 = new Key(WEB, T0.plusSeconds(60));
    static final Key API_V1 = new Key(PathId.of("/prod/api"), T0);

    /** A new, empty store. */
    abstract LaunchDelayRepository repository();

    /** The same store as a new leader's process would open it. */
    abstract LaunchDelayRepository restarted(LaunchDelayRepository first);

    static LaunchDelay delay(long millis, Instant failedAt) {
        return new LaunchDelay(Duration.ofMillis(millis), failedAt.plusMillis(millis), failedAt);
    }

    @Test
    void aNewStoreHasNoDelays() {
        assertThat(repository().all()).isEmpty();
    }

    @Test
    void storedDelaysComeBackPerAppVersionForTheNextLeader() {
        LaunchDelayRepository delays = repository();
        Map<Key, LaunchDelay> written = Map.of(WEB_V1, delay(1_000, T0.plusSeconds(5)),
                WEB_V2, delay(1_150, T0.plusSeconds(70)), API_V1, delay(300_000, T0.plusSeconds(9)));

        delays.write(written, List.of());

        assertThat(restarted(delays).all()).isEqualTo(written);
    }

    @Test
    void writingAKeyAgainReplacesItsDelay() {
        LaunchDelayRepository delays = repository();
        delays.write(Map.of(WEB_V1, delay(1_000, T0)), List.of());

        delays.write(Map.of(WEB_V1, delay(1_150, T0.plusSeconds(2))), List.of());

        assertThat(delays.all()).containsExactly(Map.entry(WEB_V1, delay(1_150, T0.plusSeconds(2))));
    }

    @Test
    void removedKeysAreForgottenAndUnknownOnesIgnored() {
        LaunchDelayRepository delays = repository();
        delays.write(Map.of(WEB_V1, delay(1_000, T0), WEB_V2, delay(1_000, T0)), List.of());

        delays.write(Map.of(API_V1, delay(2_000, T0)), Set.of(WEB_V1, new Key(PathId.of("/unknown"), T0)));
        delays.write(Map.of(), List.of());

        assertThat(restarted(delays).all()).containsOnlyKeys(WEB_V2, API_V1);
    }

    @Test
    void instantsAreKeptToTheMillisecond() {
        LaunchDelayRepository delays = repository();
        Instant fine = T0.plusNanos(1_234_567);
        Key key = new Key(WEB, fine);

        delays.write(Map.of(key, new LaunchDelay(Duration.ofMillis(1_150), fine.plusMillis(1_150), fine)), List.of());

        Instant millis = T0.plusMillis(1);
        assertThat(restarted(delays).all()).containsExactly(Map.entry(new Key(WEB, millis),
                new LaunchDelay(Duration.ofMillis(1_150), millis.plusMillis(1_150), millis)));
    }
}
