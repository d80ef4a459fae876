package io.mpaas.marathon.app;

import static io.mpaas.marathon.app.Violations.at;

import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.Group;
import io.mpaas.protocol.marathon.MarathonError.Violation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates a group body ({@code POST/PUT /v2/groups}) as Marathon does: every id in it must lie
 * directly under the group that contains it (relative ids are resolved against that group), every
 * app must be a valid app, and no id may name two things. App violations appear under the app's
 * place in the body, {@code /groups(0)/apps(1)/cpus}.
 */
public final class GroupValidator {

    static final String SAME_ID = "Groups and Applications may not have the same identifier.";

    private GroupValidator() {
    }

    /**
     * What is wrong with {@code group}, sent to the group {@code base} (the root for
     * {@code /v2/groups}, {@code /prod} for {@code /v2/groups/prod}); empty when it is valid.
     */
    public static List<Violation> validate(Group group, PathId base) {
        Violations v = new Violations();
        PathId id = group.id() == null ? base : base.resolve(group.id());
        idErrors(id).forEach(message -> v.add("/id", message));
        if (!id.isUnder(base)) {
            v.add("/id", notChild(id, base));
        }
        checkGroup(group, id, "", v, new HashMap<>());
        return v.toList();
    }

    /** Marathon's message when a body names something outside the group it is sent to. */
    static String notChild(PathId child, PathId group) {
        return "identifier " + child + " is not child of " + group + ". Hint: use relative paths.";
    }

    private static void checkGroup(Group group, PathId id, String prefix, Violations v, Map<PathId, Kind> seen) {
        List<String> dependencies = group.dependencies() == null ? List.of() : group.dependencies();
        for (int i = 0; i < dependencies.size(); i++) {
            String path = prefix + at("/dependencies", i);
            id.resolve(dependencies.get(i)).segmentErrors().forEach(message -> v.add(path, message));
        }
        List<App> apps = group.apps() == null ? List.of() : group.apps();
        for (int i = 0; i < apps.size(); i++) {
            App app = apps.get(i);
            String path = prefix + at("/apps", i);
            if (app.id() != null) {
                PathId appId = id.resolve(app.id());
                if (!appId.isRoot() && !appId.parent().equals(id)) {
                    v.add(path + "/id", notChild(appId, id));
                }
                claim(appId, Kind.APP, path + "/id", v, seen);
            }
            v.addAll(path, AppValidator.validate(AppNormalizer.normalize(app, id)));
        }
        List<Group> groups = group.groups() == null ? List.of() : group.groups();
        for (int i = 0; i < groups.size(); i++) {
            Group child = groups.get(i);
            String path = prefix + at("/groups", i);
            if (child.id() == null) {
                v.add(path + "/id", Violations.MISSING);
                continue;
            }
            PathId childId = id.resolve(child.id());
            idErrors(childId).forEach(message -> v.add(path + "/id", message));
            if (!childId.isRoot() && !childId.parent().equals(id)) {
                v.add(path + "/id", notChild(childId, id));
            }
            claim(childId, Kind.GROUP, path + "/id", v, seen);
            checkGroup(child, childId, path, v, seen);
        }
    }

    /** A group id may be the root (the whole tree), but otherwise follows the app id rules. */
    private static List<String> idErrors(PathId id) {
        return id.isRoot() ? List.of() : AppValidator.idErrors(id);
    }

    private static void claim(PathId id, Kind kind, String path, Violations v, Map<PathId, Kind> seen) {
        Kind earlier = seen.putIfAbsent(id, kind);
        if (earlier == null) {
            return;
        }
        v.add(path, earlier == kind ? "identifier " + id + " is used more than once" : SAME_ID);
    }

    /** What an id names in the body. */
    private enum Kind {
        /** An app definition. */
        APP,
        /** A group, which holds apps and groups under its id. */
        GROUP
    }
}
