package io.mpaas.marathon.group;

import io.mpaas.marathon.app.AppInfoAssembler;
import io.mpaas.marathon.app.MarathonTime;
import io.mpaas.marathon.app.PathId;
import io.mpaas.protocol.marathon.GroupInfo;
import java.util.List;

/**
 * A group of a root as {@code /v2/groups} shows it, subgroups nested. Groups have no versions of
 * their own here: each shows the version of the root it belongs to.
 */
final class GroupRenderer {

    private GroupRenderer() {
    }

    static GroupInfo render(RootGroup root, PathId id, GroupEmbeds embeds, AppInfoAssembler.View apps) {
        GroupSpec spec = root.groupSpec(id);
        return new GroupInfo(
                id.toString(),
                embeds.apps() ? root.directApps(id).stream().map(apps::info).toList() : null,
                embeds.groups() ? root.subgroups(id).stream().map(child -> render(root, child, embeds, apps)).toList()
                        : null,
                embeds.pods() ? List.of() : null,
                spec.dependencies().stream().map(PathId::toString).toList(),
                MarathonTime.format(root.version()),
                spec.enforceRole());
    }
}
