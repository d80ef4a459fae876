package io.mpaas.marathon.store;

import io.mpaas.marathon.app.MarathonTime;
import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.deployment.DeploymentAction;
import io.mpaas.marathon.deployment.DeploymentPlan;
import io.mpaas.marathon.group.GroupRepository;
import io.mpaas.marathon.group.RootGroup;
import io.mpaas.protocol.marathon.App;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link DeploymentPlan} as stored: its roots and apps by version only, since the group store keeps
 * those (and keeps them while the plan is stored). Never leaves this package.
 *
 * @param originalVersion the root the plan started from (the current one when it was made)
 * @param targetVersion   the root it moves to (the current one since)
 */
record StoredPlan(String id, String version, String originalVersion, String targetVersion,
        List<List<StoredAction>> steps) {

    StoredPlan {
        steps = steps.stream().map(List::copyOf).toList();
    }

    /**
     * One action.
     *
     * @param name       Marathon's action name
     * @param appVersion null when the app had no version (it is then found in the plan's root)
     * @param scaleTo    ScaleApplication only
     * @param sentenced  ScaleApplication only: instances to kill first
     */
    record StoredAction(String name, String appId, String appVersion, Integer scaleTo, List<String> sentenced) {

        StoredAction {
            sentenced = sentenced == null ? List.of() : List.copyOf(sentenced);
        }
    }

    static StoredPlan of(DeploymentPlan plan) {
        List<List<StoredAction>> steps = plan.steps().stream()
                .map(step -> step.actions().stream().map(StoredPlan::action).toList()).toList();
        return new StoredPlan(plan.id(), MarathonTime.format(plan.version()),
                MarathonTime.format(plan.original().version()), MarathonTime.format(plan.target().version()), steps);
    }

    private static StoredAction action(DeploymentAction action) {
        App app = action.app();
        String id = action.appId().toString();
        return switch (action) {
            case DeploymentAction.ScaleApplication scale ->
                    new StoredAction(action.name(), id, app.version(), scale.scaleTo(), scale.sentenced());
            default -> new StoredAction(action.name(), id, app.version(), null, List.of());
        };
    }

    static IllegalStateException rootsMissing(String planId) {
        return new IllegalStateException("Deployment " + planId + " cannot be saved before its original and"
                + " target roots are stored (GroupRepository.store)");
    }

    Instant instant() {
        return MarathonTime.parse(version);
    }

    Instant originalInstant() {
        return MarathonTime.parse(originalVersion);
    }

    Instant targetInstant() {
        return MarathonTime.parse(targetVersion);
    }

    /**
     * The plan, roots and apps read from {@code groups}.
     *
     * @param roots roots already read, by version, shared between the plans of one load (plans often share
     *              roots, and a root with thousands of apps is worth reading once)
     * @throws IllegalStateException when a root or app the plan needs is no longer stored
     */
    DeploymentPlan resolve(GroupRepository groups, Map<Instant, RootGroup> roots) {
        RootGroup original = root(groups, roots, originalInstant());
        RootGroup target = root(groups, roots, targetInstant());
        List<DeploymentPlan.DeploymentStep> resolved = steps.stream().map(actions -> new DeploymentPlan
                .DeploymentStep(actions.stream().map(a -> action(a, groups, original, target)).toList())).toList();
        return new DeploymentPlan(id, instant(), original, target, resolved);
    }

    private RootGroup root(GroupRepository groups, Map<Instant, RootGroup> roots, Instant version) {
        RootGroup root = roots.get(version);
        if (root == null) {
            root = groups.rootVersion(version).orElseThrow(() -> new IllegalStateException("Deployment " + id
                    + " needs root version " + MarathonTime.format(version) + ", which is not stored"));
            roots.put(version, root);
        }
        return root;
    }

    private DeploymentAction action(StoredAction stored, GroupRepository groups, RootGroup original,
            RootGroup target) {
        PathId appId = PathId.of(stored.appId());
        boolean stop = stored.name().equals("StopApplication");
        Optional<App> byVersion = stored.appVersion() == null ? Optional.empty()
                : groups.appVersion(appId, MarathonTime.parse(stored.appVersion()));
        App app = byVersion.or(() -> (stop ? original : target).app(appId)).orElseThrow(() ->
                new IllegalStateException("Deployment " + id + " needs app " + appId + " version "
                        + stored.appVersion() + ", which is not stored"));
        return switch (stored.name()) {
            case "StartApplication" -> new DeploymentAction.StartApplication(app);
            case "StopApplication" -> new DeploymentAction.StopApplication(app);
            case "ScaleApplication" -> new DeploymentAction.ScaleApplication(app, stored.scaleTo(), stored.sentenced());
            case "RestartApplication" -> new DeploymentAction.RestartApplication(app);
            default -> throw new IllegalStateException("Deployment " + id + " has an unknown action "
                    + stored.name());
        };
    }
}
