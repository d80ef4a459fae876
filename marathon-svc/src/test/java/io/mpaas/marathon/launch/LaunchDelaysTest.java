package io.mpaas.marathon.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mpaas.marathon.app.MarathonTime;
import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.group.RootGroup;
import io.mpaas.marathon.launch.LaunchDelays.Key;
import io.mpaas.marathon.store.InMemoryLaunchDelayRepository;
import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.VersionInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The delays of all app configurations: kept in memory, written to the store only when one changes. */
class LaunchDelaysTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant V1 = T0.minusSeconds(3600);
    private static final Instant V2 = T0.minusSeconds(60);
    private static final PathId WEB = PathId.of("/web");
    private static final App WEB_V1 = App.withId("/web").toBuilder().backoffSeconds(1).backoffFactor(1.15)
            .maxLaunchDelaySeconds(300).version(MarathonTime.format(V1)).build();
    /** A configuration change: a definition stored without versionInfo counts as one at its version. */
    private static final App WEB_V2 = WEB_V1.toBuilder().version(MarathonTime.format(V2)).build();
    /** V1's configuration scaled at V2. */
    private static final App WEB_V1_SCALED = WEB_V1.toBuilder().instances(3).version(MarathonTime.format(V2))
            .versionInfo(new VersionInfo(MarathonTime.format(V2), MarathonTime.format(V1))).build();

    /** Counts the writes the delays make and what each held. */
    private static final class CountingRepository implements LaunchDelayRepository {
        final InMemoryLaunchDelayRepository stored = new InMemoryLaunchDelayRepository();
        int writes;
        boolean failing;

        @Override
        public Map<Key, LaunchDelay> all() {
            return stored.all();
        }

        @Override
        public void write(Map<Key, LaunchDelay> saved, Collection<Key> removed) {
            if (failing) {
                throw new IllegalStateException("database down");
            }
            writes++;
            stored.write(saved, removed);
        }
    }

    private final CountingRepository repository = new CountingRepository();
    private final LaunchDelays delays = new LaunchDelays(repository);

    @Test
    void delaysAreKeptPerVersionAndResetPerApp() {
        delays.raise(WEB, V1, WEB_V1, T0);
        assertThat(delays.blocks(WEB, V1, WEB_V1, T0.plusMillis(500))).isTrue();
        assertThat(delays.blocks(WEB, V2, WEB_V2, T0.plusMillis(500))).isFalse();
        assertThat(delays.blocks(WEB, V1, WEB_V1, T0.plusSeconds(2))).isFalse();
        assertThat(delays.reset(WEB)).isTrue();
        assertThat(delays.reset(WEB)).isFalse();
        assertThat(delays.current(WEB, V1, WEB_V1, T0)).isEmpty();
    }

    @Test
    void changesAreWrittenOnStoreOnlyOncePerBatchAndNotAtAllWithoutChanges() {
        delays.raise(WEB, V1, WEB_V1, T0);
        delays.raise(WEB, V1, WEB_V1, T0.plusMillis(10));
        assertThat(repository.all()).isEmpty();

        delays.store();
        delays.store();
        delays.current(WEB, V1, WEB_V1, T0.plusSeconds(1));
        delays.store();

        assertThat(repository.writes).isEqualTo(1);
        assertThat(repository.all()).containsExactly(Map.entry(new Key(WEB, V1),
                new LaunchDelay(Duration.ofMillis(1150), T0.plusMillis(1160), T0.plusMillis(10))));
    }

    @Test
    void aNewLeaderLoadsTheDelaysTheOldOneStored() {
        delays.raise(WEB, V1, WEB_V1, T0);
        delays.store();

        LaunchDelays next = new LaunchDelays(repository);
        next.load();

        assertThat(next.current(WEB, V1, WEB_V1, T0.plusMillis(500))).isEqualTo(delays.current(WEB, V1, WEB_V1,
                T0.plusMillis(500)));
        assertThat(next.blocks(WEB, V1, WEB_V1, T0.plusMillis(500))).isTrue();
        // The next failure grows the loaded delay, as it would have on the old leader.
        next.raise(WEB, V1, WEB_V1, T0.plusSeconds(2));
        assertThat(next.current(WEB, V1, WEB_V1, T0.plusSeconds(2)).orElseThrow().delay())
                .isEqualTo(Duration.ofMillis(1150));
    }

    @Test
    void resetsAndExpiredDelaysAreRemovedFromTheStore() {
        delays.raise(WEB, V1, WEB_V1, T0);
        delays.raise(PathId.of("/api"), V1, WEB_V1.toBuilder().id("/api").build(), T0);
        delays.store();

        delays.reset(WEB);
        delays.store();
        assertThat(repository.all()).containsOnlyKeys(new Key(PathId.of("/api"), V1));

        // Quiet for delay + maxLaunchDelaySeconds: forgotten when next asked, and so in the store.
        delays.current(PathId.of("/api"), V1, WEB_V1, T0.plusSeconds(302));
        delays.store();
        assertThat(repository.all()).isEmpty();
    }

    @Test
    void aFailureOfAVersionThatIsNoLongerTheAppsOwnDelaysNothing() {
        delays.raise(WEB, V1, WEB_V2, T0);
        delays.store();

        assertThat(delays.size()).isZero();
        assertThat(repository.writes).isZero();
    }

    @Test
    void delaysOfVersionsAndAppsThatWentAwayAreForgotten() {
        PathId gone = PathId.of("/gone");
        delays.raise(WEB, V1, WEB_V1, T0);
        delays.raise(gone, V1, WEB_V1.toBuilder().id("/gone").build(), T0);
        delays.store();

        delays.retainCurrentConfigs(new RootGroup(T0, Map.of(WEB, WEB_V2), Map.of()));
        delays.raise(WEB, V2, WEB_V2, T0);
        delays.store();

        assertThat(repository.all()).containsOnlyKeys(new Key(WEB, V2));
    }

    @Test
    void aScaleKeepsTheDelayOfItsConfigurationAndTheNextFailureGrowsIt() {
        delays.raise(WEB, V1, WEB_V1, T0);
        delays.store();

        delays.retainCurrentConfigs(new RootGroup(T0, Map.of(WEB, WEB_V1_SCALED), Map.of()));
        assertThat(delays.blocks(WEB, V1, WEB_V1_SCALED, T0.plusMillis(500))).isTrue();
        // An instance launched before the scale fails: it ran the scaled app's configuration.
        delays.raise(WEB, V1, WEB_V1_SCALED, T0.plusSeconds(2));
        delays.store();

        assertThat(repository.all()).containsExactly(Map.entry(new Key(WEB, V1),
                new LaunchDelay(Duration.ofMillis(1150), T0.plusMillis(3150), T0.plusSeconds(2))));
    }

    @Test
    void aFailureOfAnAbandonedConfigurationDelaysNothingAfterAScale() {
        delays.raise(WEB, V2, WEB_V1_SCALED, T0);

        assertThat(delays.size()).isZero();
    }

    @Test
    void aFailedWriteIsRetriedWithTheNextStore() {
        delays.raise(WEB, V1, WEB_V1, T0);
        repository.failing = true;
        assertThatThrownBy(delays::store).hasMessage("database down");

        repository.failing = false;
        delays.store();

        assertThat(repository.all()).containsOnlyKeys(new Key(WEB, V1));
    }
}
