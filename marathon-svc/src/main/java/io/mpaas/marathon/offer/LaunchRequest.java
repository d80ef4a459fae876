package io.mpaas.marathon.offer;

import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.instance.Condition;
import io.mpaas.marathon.instance.Instance;
import io.mpaas.protocol.marathon.App;
import java.util.Objects;

/**
 * An instance waiting for an offer, with the app version it is to run. The app travels with the
 * instance because instances of one app may wait at different versions during a deployment.
 *
 * @param app      the normalized app at {@code instance.runSpecVersion()}
 * @param instance a {@link Condition#SCHEDULED} instance of that app
 */
public record LaunchRequest(App app, Instance instance) {

    public LaunchRequest {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(instance, "instance");
        if (instance.condition() != Condition.SCHEDULED) {
            throw new IllegalArgumentException("instance " + instance.instanceId() + " is "
                    + instance.condition().marathonName() + ", not Scheduled");
        }
        if (app.id() == null || !PathId.of(app.id()).equals(instance.appId())) {
            throw new IllegalArgumentException("instance " + instance.instanceId() + " belongs to "
                    + instance.appId() + ", not to " + app.id());
        }
    }

    public PathId appId() {
        return instance.appId();
    }
}
