package io.mpaas.marathon.app;

import io.mpaas.protocol.marathon.App;

/**
 * Fills in Marathon's defaults so that a stored app shows every field as Marathon would.
 * Normalizing never rejects anything: validation runs on the result and names what is wrong.
 */
public final class AppNormalizer {

    private AppNormalizer() {
    }

    /**
     * The app with its id made absolute against {@code parent} and every default filled in.
     * Idempotent: normalizing a normalized app changes nothing.
     */
    public static App normalize(App app, PathId parent) {
        App.Builder b = app.toBuilder();
        if (app.id() != null) {
            b.id(parent.resolve(app.id()).toString());
        }
        if (app.instances() == null) {
            b.instances(1);
        }
        if (app.cpus() == null) {
            b.cpus(1.0);
        }
        if (app.mem() == null) {
            b.mem(128.0);
        }
        if (app.disk() == null) {
            b.disk(0.0);
        }
        return b.build();
    }
}
