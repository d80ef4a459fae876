package io.mpaas.marathon.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.VersionInfo;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AppVersioningTest {

    private static final Instant CREATED = Instant.parse("2015-09-29T15:59:51.164Z");
    private static final Instant LATER = Instant.parse("2015-09-30T10:00:00.000123Z");

    private final App app = AppNormalizer.normalize(App.withId("/web").toBuilder().cmd("sleep 100").build(),
            PathId.ROOT);

    @Test
    void aNewAppChangedItsConfigAndScaleAtItsVersion() {
        App stamped = AppVersioning.stamp(null, app, CREATED);
        assertThat(stamped.version()).isEqualTo("2015-09-29T15:59:51.164Z");
        assertThat(stamped.versionInfo())
                .isEqualTo(new VersionInfo("2015-09-29T15:59:51.164Z", "2015-09-29T15:59:51.164Z"));
    }

    @Test
    void scalingKeepsTheLastConfigChange() {
        App first = AppVersioning.stamp(null, app, CREATED);
        App scaled = AppVersioning.stamp(first, first.toBuilder().instances(5).build(), LATER);
        assertThat(scaled.version()).isEqualTo("2015-09-30T10:00:00.000Z");
        assertThat(scaled.versionInfo())
                .isEqualTo(new VersionInfo("2015-09-30T10:00:00.000Z", "2015-09-29T15:59:51.164Z"));
    }

    @Test
    void aConfigChangeMovesBothTimestamps() {
        App first = AppVersioning.stamp(null, app, CREATED);
        App changed = AppVersioning.stamp(first, first.toBuilder().instances(5).mem(256.0).build(), LATER);
        assertThat(changed.versionInfo())
                .isEqualTo(new VersionInfo("2015-09-30T10:00:00.000Z", "2015-09-30T10:00:00.000Z"));
    }

    @Test
    void aPreviousVersionWithoutVersionInfoCountsAsItsLastConfigChange() {
        App previous = app.toBuilder().version("2015-01-01T00:00:00.000Z").build();
        App scaled = AppVersioning.stamp(previous, app.toBuilder().instances(2).build(), LATER);
        assertThat(scaled.versionInfo())
                .isEqualTo(new VersionInfo("2015-09-30T10:00:00.000Z", "2015-01-01T00:00:00.000Z"));
    }

    @Test
    void aRestartIsAConfigChangeOfTheSameDefinition() {
        App first = AppVersioning.stamp(null, app, CREATED);
        App restarted = AppVersioning.restarted(first, LATER);
        assertThat(restarted.versionInfo())
                .isEqualTo(new VersionInfo("2015-09-30T10:00:00.000Z", "2015-09-30T10:00:00.000Z"));
        assertThat(AppDiff.needsRestart(first, restarted)).as("a restart replaces every instance").isTrue();
    }

    @Test
    void theConfigVersionIsTheLastConfigChangeWhichAScaleKeeps() {
        App first = AppVersioning.stamp(null, app, CREATED);
        App scaled = AppVersioning.stamp(first, first.toBuilder().instances(5).build(), LATER);
        App changed = AppVersioning.stamp(scaled, scaled.toBuilder().cmd("sleep 200").build(), LATER.plusSeconds(1));

        assertThat(AppVersioning.configVersion(first)).isEqualTo(CREATED);
        assertThat(AppVersioning.version(scaled)).isEqualTo(LATER.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        assertThat(AppVersioning.configVersion(scaled)).isEqualTo(CREATED);
        assertThat(AppVersioning.configVersion(changed)).isEqualTo(AppVersioning.version(changed));
    }

    @Test
    void aDefinitionStoredWithoutVersionInfoIsItsOwnConfiguration() {
        assertThat(AppVersioning.configVersion(app.toBuilder().version("2015-01-01T00:00:00.000Z").build()))
                .isEqualTo(Instant.parse("2015-01-01T00:00:00Z"));
        assertThatThrownBy(() -> AppVersioning.configVersion(app)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("app /web has no version");
    }
}
