package io.mpaas.marathon.app;

import io.mpaas.protocol.marathon.App;
import java.util.Objects;

/** How two versions of one app differ, as deployments and version bookkeeping need it. */
public final class AppDiff {

    private AppDiff() {
    }

    /** The definitions without what never needs a restart: instances, version and versionInfo. */
    private static App config(App app) {
        return app.toBuilder().instances(null).version(null).versionInfo(null).build();
    }

    /**
     * Whether {@code to} differs from {@code from} only in its instance count (or not at all). A
     * restart keeps the definition but moves {@code versionInfo.lastConfigChangeAt}: that is a
     * configuration change too, so its instances are replaced.
     */
    public static boolean isScaleOnly(App from, App to) {
        if (from.versionInfo() != null && to.versionInfo() != null && !Objects.equals(
                from.versionInfo().lastConfigChangeAt(), to.versionInfo().lastConfigChangeAt())) {
            return false;
        }
        return Objects.equals(config(from), config(to));
    }

    /** Whether running instances of {@code from} must be replaced to run {@code to}. */
    public static boolean needsRestart(App from, App to) {
        return !isScaleOnly(from, to);
    }
}
