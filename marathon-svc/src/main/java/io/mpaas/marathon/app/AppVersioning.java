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
     * {@code app} unchanged but for a new version that counts as a configuration change, which is
     * how Marathon's restart ({@code POST /v2/apps/{id}/restart}) makes every instance be replaced.
     */
    public static App restarted(App app, Instant version) {
        String now = MarathonTime.format(version);
        return app.toBuilder().version(now).versionInfo(new VersionInfo(now, now)).build();
    }
}
