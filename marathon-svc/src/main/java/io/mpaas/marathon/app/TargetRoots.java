package io.mpaas.marathon.app;

import io.mpaas.marathon.MarathonFailure;
import io.mpaas.marathon.group.RootGroup;
import io.mpaas.marathon.offer.ServicePorts;
import io.mpaas.marathon.scheduler.LaunchProperties;
import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.MarathonError.Violation;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import org.springframework.stereotype.Component;

/**
 * The one place where every change the API makes to the desired state (apps, groups, task kills
 * with scaling) is completed into the target root that gets deployed. An edit says what the
 * request changes; {@link #change} wraps it so that every target root, whichever endpoint made it,
 * gets the same finishing: root-wide rules checked, service ports assigned, and new versions for
 * the apps that changed (and only those).
 */
@Component
public class TargetRoots {

    private final int servicePortMin;
    private final int servicePortMax;

    public TargetRoots(LaunchProperties properties) {
        this.servicePortMin = properties.servicePortMin();
        this.servicePortMax = properties.servicePortMax();
    }

    /**
     * The change to hand to {@link io.mpaas.marathon.deployment.Deployer#deploy}: {@code edit}
     * applied to the current root, then {@link #complete}d.
     */
    public BiFunction<RootGroup, Instant, RootGroup> change(BiFunction<RootGroup, Instant, RootGroup> edit) {
        return (original, version) -> complete(original, edit.apply(original, version), version);
    }

    /**
     * The deployable target for an edited root.
     *
     * @throws MarathonFailure INVALID when the target breaks a rule that spans apps, or when the
     *                         service port range has no free port left
     */
    public RootGroup complete(RootGroup original, RootGroup edited, Instant version) {
        List<Violation> violations = RootRules.violations(edited);
        if (!violations.isEmpty()) {
            throw MarathonFailure.invalid(violations);
        }
        // Ports before versions, as Marathon does: a definition re-sent with port 0 gets its
        // service port back and so compares equal to the stored one, keeping its version (and a
        // scale stays a scale) instead of counting as a configuration change that replaces every
        // instance.
        RootGroup assigned = ServicePorts.assign(original, edited, servicePortMin, servicePortMax);
        Map<PathId, App> apps = new TreeMap<>();
        assigned.apps().forEach((id, app) -> apps.put(id, stamped(original.apps().get(id), app, version)));
        return new RootGroup(version, apps, assigned.groups());
    }

    /**
     * The app as the target keeps it: untouched when its definition did not change (so its
     * version stays), as edited when the edit stamped it itself (a restart), else stamped now.
     */
    private static App stamped(App previous, App next, Instant version) {
        if (Objects.equals(next.version(), MarathonTime.format(version))) {
            return next;
        }
        App bare = unversioned(next);
        if (previous != null && bare.equals(unversioned(previous))) {
            return previous;
        }
        return stamp(previous, bare, version);
    }

    private static App unversioned(App app) {
        return app.version() == null && app.versionInfo() == null ? app
                : app.toBuilder().version(null).versionInfo(null).build();
    }

    private static App stamp(App previous, App next, Instant version) {
        return AppVersioning.stamp(previous, next, version);
    }

    /** The rules a root must keep as a whole; one app's own rules are {@link AppValidator}'s. */
    static final class RootRules {

        private RootRules() {
        }

        static List<Violation> violations(RootGroup root) {
            List<String> errors = new java.util.ArrayList<>();
            Set<PathId> groups = new HashSet<>(root.groups().keySet());
            root.apps().keySet().forEach(id -> groups.addAll(id.ancestors()));
            if (root.apps().keySet().stream().anyMatch(groups::contains)) {
                errors.add("Groups and Applications may not have the same identifier.");
            }
            if (hasCycle(root)) {
                errors.add("Dependency graph has cyclic dependencies.");
            }
            return errors.isEmpty() ? List.of() : List.of(new Violation("/", errors));
        }

        private static boolean hasCycle(RootGroup root) {
            boolean anyDependencies = root.apps().values().stream()
                    .anyMatch(app -> app.dependencies() != null && !app.dependencies().isEmpty())
                    || root.groups().values().stream().anyMatch(group -> !group.dependencies().isEmpty());
            if (!anyDependencies) {
                return false;
            }
            Set<PathId> done = new HashSet<>();
            for (PathId id : root.apps().keySet()) {
                if (reachesCycle(root, id, new HashSet<>(), done)) {
                    return true;
                }
            }
            return false;
        }

        private static boolean reachesCycle(RootGroup root, PathId id, Set<PathId> onPath, Set<PathId> done) {
            if (done.contains(id)) {
                return false;
            }
            if (!onPath.add(id)) {
                return true;
            }
            for (PathId dependency : root.dependenciesOf(id)) {
                if (reachesCycle(root, dependency, onPath, done)) {
                    return true;
                }
            }
            onPath.remove(id);
            done.add(id);
            return false;
        }
    }
}
