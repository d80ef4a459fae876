package io.mpaas.marathon.deployment;

import io.mpaas.marathon.app.PathId;
import io.mpaas.protocol.marathon.App;
import java.util.List;
import java.util.Objects;

/**
 * One thing a deployment step does to one app; the actions of a step run in parallel.
 * {@link #name()} is Marathon's action name on the wire.
 */
public sealed interface DeploymentAction {

    /** The app as the target root has it (for a stop, as the original had it). */
    App app();

    default PathId appId() {
        return PathId.of(app().id());
    }

    /** Marathon's action name: StartApplication, StopApplication, ScaleApplication, RestartApplication. */
    String name();

    /** A new app appears, with no instances yet (Marathon keeps this step for compatibility). */
    record StartApplication(App app) implements DeploymentAction {
        public StartApplication {
            Objects.requireNonNull(app, "app");
        }

        @Override
        public String name() {
            return "StartApplication";
        }
    }

    /** Every instance is killed and the app forgotten. */
    record StopApplication(App app) implements DeploymentAction {
        public StopApplication {
            Objects.requireNonNull(app, "app");
        }

        @Override
        public String name() {
            return "StopApplication";
        }
    }

    /**
     * The app runs {@code scaleTo} instances of its current version.
     *
     * @param sentenced instance ids to kill first (a kill with {@code scale=true})
     */
    record ScaleApplication(App app, int scaleTo, List<String> sentenced) implements DeploymentAction {
        public ScaleApplication {
            Objects.requireNonNull(app, "app");
            sentenced = sentenced == null ? List.of() : List.copyOf(sentenced);
        }

        @Override
        public String name() {
            return "ScaleApplication";
        }
    }

    /** Old instances are replaced by instances of the new version under the app's upgradeStrategy. */
    record RestartApplication(App app) implements DeploymentAction {
        public RestartApplication {
            Objects.requireNonNull(app, "app");
        }

        @Override
        public String name() {
            return "RestartApplication";
        }
    }
}
