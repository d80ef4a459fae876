package io.mpaas.protocol.marathon;

import java.util.List;

/**
 * A group ({@code /v2/groups}): apps and subgroups under one path, with dependencies that order
 * deployments. On input, {@code scaleBy} multiplies every app's instances and {@code version}
 * alone rolls the group back. {@code pods} is always empty here (pods are not supported).
 */
public record Group(
        String id,
        List<App> apps,
        List<Group> groups,
        List<Object> pods,
        List<String> dependencies,
        String version,
        String enforceRole,
        Double scaleBy) {

    public Group {
        apps = apps == null ? null : List.copyOf(apps);
        groups = groups == null ? null : List.copyOf(groups);
        pods = pods == null ? null : List.copyOf(pods);
        dependencies = dependencies == null ? null : List.copyOf(dependencies);
    }
}
