package io.mpaas.marathon.group;

import io.mpaas.marathon.app.PathId;
import java.util.List;
import java.util.Objects;

/**
 * A group that was created explicitly (or has dependencies); groups that only exist because an
 * app lives under them need no spec.
 *
 * @param dependencies apps or groups that every app of this group depends on
 */
public record GroupSpec(PathId id, List<PathId> dependencies, String enforceRole) {

    public GroupSpec {
        Objects.requireNonNull(id, "id");
        dependencies = dependencies == null ? List.of() : List.copyOf(dependencies);
    }

    public static GroupSpec of(PathId id) {
        return new GroupSpec(id, List.of(), null);
    }
}
