package io.mpaas.marathon.deployment;

import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.group.GroupSpec;
import io.mpaas.marathon.group.RootGroup;
import io.mpaas.protocol.marathon.App;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Undoes a deployment's changes on top of whatever the root is now, for
 * {@code DELETE /v2/deployments/{id}} without {@code force}: Marathon cancels the deployment and
 * deploys the reverse of its changes as a new plan. Only what the plan changed is touched, so
 * changes made since by other deployments to other apps survive the rollback.
 *
 * <p>Apps the plan added are removed; apps it removed or changed get back their original
 * definition <em>with their original version</em>, so that instances still running the original
 * version count as up to date in the rollback's restart and are not replaced again. Explicit group
 * specs (dependencies, enforceRole) are reverted the same way. The result keeps {@code current}'s
 * version: the caller stamps the new one.
 */
public final class DeploymentPlanReverter {

    private DeploymentPlanReverter() {
    }

    public static RootGroup revert(DeploymentPlan plan, RootGroup current) {
        RootGroup original = plan.original();
        RootGroup target = plan.target();
        Map<PathId, App> apps = new TreeMap<>(current.apps());
        for (PathId id : original.changedApps(target)) {
            App before = original.apps().get(id);
            if (before == null) {
                apps.remove(id);
            } else {
                apps.put(id, before);
            }
        }
        Map<PathId, GroupSpec> groups = new TreeMap<>(current.groups());
        Set<PathId> groupIds = new TreeSet<>(original.groups().keySet());
        groupIds.addAll(target.groups().keySet());
        for (PathId id : groupIds) {
            GroupSpec before = original.groups().get(id);
            if (Objects.equals(before, target.groups().get(id))) {
                continue;
            }
            if (before == null) {
                groups.remove(id);
            } else {
                groups.put(id, before);
            }
        }
        return new RootGroup(current.version(), apps, groups);
    }
}
