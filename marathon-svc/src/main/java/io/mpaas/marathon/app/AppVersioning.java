package io.mpaas.marathon.app;

import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.VersionInfo;
import java.time.Instant;

/**
 * Gives a changed app its new version and keeps {@code versionInfo} honest: clients and
 * deployments tell a scaling from a real change by {@code lastConfigChangeAt}, which only moves
 * when something other than the instance count changed.
 */
public final class AppVersioning {

    private AppVersioning() {
    }

    /**
     * {@code next} with {@code version} and {@code versionInfo} set for a change made at
     * {@code version}: {@code lastScalingAt} is always the new version; {@code lastConfigChangeAt}
     * too, unless {@code next} only scales {@code previousOrNull} (then it keeps the previous one).
     */
    public static App stamp(App previousOrNull, App next, Instant version) {
        String now = MarathonTime.format(version);
        String lastConfigChangeAt = now;
        if (previousOrNull != null && AppDiff.isScaleOnly(previousOrNull, next)) {
            VersionInfo before = previousOrNull.versionInfo();
            String previous = before != null && before.lastConfigChangeAt() != null ? before.lastConfigChangeAt()
                    : previousOrNull.version();
            if (previous != null) {
                lastConfigChangeAt = previous;
            }
        }
        return next.toBuilder().version(now).versionInfo(new VersionInfo(now, lastConfigChangeAt)).build();
    }

    /**
     * The app's version, the instant of its last change of any kind.
     *
     * @throws IllegalArgumentException when the app has not been versioned (only definitions in a root are)
     */
    public static Instant version(App app) {
        if (app.version() == null) {
            throw new IllegalArgumentException("app " + app.id() + " has no version");
        }
        return MarathonTime.parse(app.version());
    }

    /**
     * The version of the app's current configuration: {@code versionInfo.lastConfigChangeAt}, or the version
     * itself for a definition stored without {@code versionInfo}. Marathon keys an app's launches and launch
     * delay by it (its {@code RunSpecConfigRef}), and an instance scheduled at any version with this
     * configuration runs the current definition: a scale moves {@code version} but not this, so it neither
     * restarts instances nor strands the ones waiting to launch, and keeps the app's backoff.
     *
     * @throws IllegalArgumentException when the app has not been versioned
     */
    public static Instant configVersion(App app) {
        VersionInfo info = app.versionInfo();
        if (info != null && info.lastConfigChangeAt() != null) {
            return MarathonTime.parse(info.lastConfigChangeAt());
        }
        return version(app);
    }

    /**
     * {@code app} unchanged but for a new version that counts as a configuration change, which is
     * how Marathon's restart ({@code POST /v2/apps/{id}/restart}) makes every instance be replaced.
     */
    public static App restarted(App app, Instant version) {
        String now = MarathonTime.format(version);
        return app.toBuilder().version(now).versionInfo(new VersionInfo(now, now)).build();
    }
}
