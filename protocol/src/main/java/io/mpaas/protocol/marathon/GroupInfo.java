package io.mpaas.protocol.marathon;

import java.util.List;

/**
 * A group as {@code GET /v2/groups} shows it. {@code apps}, {@code groups} and {@code pods} are each
 * left out unless embedded ({@code embed=group.apps}, {@code group.groups}, {@code group.pods};
 * all three by default). {@code pods} is always empty: pods are not supported. Output only; the
 * input form is {@link Group}.
 */
public record GroupInfo(
        String id,
        List<AppInfo> apps,
        List<GroupInfo> groups,
        List<Object> pods,
        List<String> dependencies,
        String version,
        String enforceRole) {

    public GroupInfo {
        apps = apps == null ? null : List.copyOf(apps);
        groups = groups == null ? null : List.copyOf(groups);
        pods = pods == null ? null : List.copyOf(pods);
        dependencies = dependencies == null ? List.of() : List.copyOf(dependencies);
    }
}
