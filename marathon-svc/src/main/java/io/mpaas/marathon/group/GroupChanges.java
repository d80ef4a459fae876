package io.mpaas.marathon.group;

import io.mpaas.marathon.MarathonFailure;
import io.mpaas.marathon.app.AppChanges;
import io.mpaas.marathon.app.AppNormalizer;
import io.mpaas.marathon.app.AppValidator;
import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.web.InvalidJson;
import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.Group;
import io.mpaas.protocol.marathon.MarathonError.Violation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * What each group endpoint changes in the root, as edits for
 * {@link io.mpaas.marathon.app.TargetRoots#change}. A group body describes the group's direct apps
 * and subgroups: a list that is sent replaces what was there (apps and groups left out are
 * removed), a list that is not sent keeps it.
 */
public final class GroupChanges {

    private GroupChanges() {
    }

    public static MarathonFailure unknownGroup(PathId id) {
        return MarathonFailure.notFound("Group '" + id + "' does not exist");
    }

    /** {@code POST /v2/groups}: the group and everything in the body, refused when it exists. */
    public static BiFunction<RootGroup, Instant, RootGroup> create(PathId id, Group body) {
        return (root, version) -> {
            if (root.hasGroup(id)) {
                throw MarathonFailure.of(MarathonFailure.Kind.ALREADY_EXISTS,
                        "Group " + id + " is already created. Use PUT to change this group.");
            }
            return applied(root, id, body);
        };
    }

    /** {@code PUT /v2/groups}: the body laid over the group, which is created if needed. */
    public static BiFunction<RootGroup, Instant, RootGroup> update(PathId id, Group body) {
        return (root, version) -> applied(root, id, body);
    }

    /** The group as it was in {@code old}, everything under it included. */
    public static BiFunction<RootGroup, Instant, RootGroup> rollback(PathId id, RootGroup old) {
        return (root, version) -> {
            RootGroup result = root.removeGroup(id);
            for (App app : old.appsUnder(id)) {
                result = result.putApp(PathId.of(app.id()), app);
            }
            for (GroupSpec spec : old.groups().values()) {
                if (spec.id().isUnder(id)) {
                    result = result.putGroup(spec);
                }
            }
            return result;
        };
    }

    /** Every app under the group runs {@code factor} times as many instances, rounded up. */
    public static BiFunction<RootGroup, Instant, RootGroup> scaleBy(PathId id, double factor) {
        return (root, version) -> {
            if (!root.hasGroup(id)) {
                throw unknownGroup(id);
            }
            RootGroup result = root;
            for (App app : root.appsUnder(id)) {
                int instances = (int) Math.ceil(app.instanceCount() * factor);
                result = result.putApp(PathId.of(app.id()), app.toBuilder().instances(instances).build());
            }
            return result;
        };
    }

    /** The group and everything under it; for the root, everything. */
    public static BiFunction<RootGroup, Instant, RootGroup> delete(PathId id) {
        return (root, version) -> {
            if (!root.hasGroup(id)) {
                throw unknownGroup(id);
            }
            return root.removeGroup(id);
        };
    }

    private static RootGroup applied(RootGroup root, PathId id, Group body) {
        List<Violation> violations = new ArrayList<>();
        RootGroup result = apply(root, id, body, "", violations);
        if (!violations.isEmpty()) {
            throw MarathonFailure.invalid(violations);
        }
        return result;
    }

    /**
     * {@code PATCH /v2/groups/{id}} (Marathon 1.9+): the settings of a top-level group, today its
     * {@code enforceRole}; apps, subgroups and dependencies are not touched, so nothing restarts. A body with
     * anything else, a nested group or the root is refused with the fields named.
     */
    public static BiFunction<RootGroup, Instant, RootGroup> patch(PathId id, Group body) {
        List<Violation> violations = new ArrayList<>();
        if (id.isRoot() || !id.parent().isRoot()) {
            violations.add(new Violation("/id", List.of("only top-level groups can be patched, not " + id)));
        }
        if (body.apps() != null || body.groups() != null || body.dependencies() != null || body.pods() != null
                || body.version() != null || body.scaleBy() != null) {
            violations.add(new Violation("/", List.of("only enforceRole can be patched; use PUT for apps, groups,"
                    + " dependencies, version and scaleBy")));
        }
        if (!violations.isEmpty()) {
            throw MarathonFailure.invalid(violations);
        }
        return (root, version) -> {
            GroupSpec existing = root.groups().get(id);
            if (existing == null) {
                throw unknownGroup(id);
            }
            return root.putGroup(new GroupSpec(id, existing.dependencies(),
                    body.enforceRole() != null ? body.enforceRole() : existing.enforceRole()));
        };
    }

    /**
     * Lays {@code body} over group {@code id} of {@code root}, recursing into subgroups.
     *
     * @param path where {@code body} sits in the request, for violation paths
     */
    private static RootGroup apply(RootGroup root, PathId id, Group body, String path, List<Violation> violations) {
        if (!id.segmentErrors().isEmpty()) {
            violations.add(new Violation(path + "/id", id.segmentErrors()));
            return root;
        }
        RootGroup result = root;
        GroupSpec existing = root.groups().get(id);
        if (!id.isRoot() || body.dependencies() != null || body.enforceRole() != null) {
            List<PathId> dependencies = body.dependencies() != null
                    ? body.dependencies().stream().map(id::resolve).toList()
                    : existing == null ? List.of() : existing.dependencies();
            String enforceRole = body.enforceRole() != null ? body.enforceRole()
                    : existing == null ? null : existing.enforceRole();
            result = result.putGroup(new GroupSpec(id, dependencies, enforceRole));
        }
        if (body.apps() != null) {
            result = applyApps(root, result, id, body.apps(), path, violations);
        }
        if (body.groups() != null) {
            Set<PathId> sent = new HashSet<>();
            for (int i = 0; i < body.groups().size(); i++) {
                Group group = body.groups().get(i);
                String groupPath = path + "/groups(" + i + ")";
                PathId child = child(id, group == null ? null : group.id(), groupPath, violations);
                if (child != null) {
                    sent.add(child);
                    result = apply(result, child, group, groupPath, violations);
                }
            }
            for (PathId old : root.subgroups(id)) {
                if (!sent.contains(old)) {
                    result = result.removeGroup(old);
                }
            }
        }
        return result;
    }

    private static RootGroup applyApps(RootGroup original, RootGroup root, PathId id, List<App> apps, String path,
            List<Violation> violations) {
        RootGroup result = root;
        Set<PathId> sent = new HashSet<>();
        for (int i = 0; i < apps.size(); i++) {
            App app = apps.get(i);
            String appPath = path + "/apps(" + i + ")";
            PathId appId = child(id, app == null ? null : app.id(), appPath, violations);
            if (appId == null) {
                continue;
            }
            App normalized = AppNormalizer.normalize(app.toBuilder().id(appId.toString()).build(), id);
            violations.addAll(AppChanges.prefixed(appPath, AppValidator.validate(normalized)));
            sent.add(appId);
            result = result.putApp(appId, normalized);
        }
        for (App old : original.directApps(id)) {
            PathId oldId = PathId.of(old.id());
            if (!sent.contains(oldId)) {
                result = result.removeApp(oldId);
            }
        }
        return result;
    }

    /**
     * The id of a direct child of {@code parent}, or null with a violation when it lies elsewhere.
     *
     * @throws InvalidJson when the id is missing, which Marathon's JSON reader already refuses
     */
    private static PathId child(PathId parent, String id, String path, List<Violation> violations) {
        if (id == null) {
            throw InvalidJson.mismatched(List.of(new Violation(path + "/id", List.of("error.path.missing"))));
        }
        PathId child = parent.resolve(id);
        if (!child.parent().equals(parent) || child.equals(parent)) {
            violations.add(new Violation(path + "/id", List.of("identifier " + child + " is not child of " + parent
                    + ". Hint: use relative paths.")));
            return null;
        }
        return child;
    }
}
