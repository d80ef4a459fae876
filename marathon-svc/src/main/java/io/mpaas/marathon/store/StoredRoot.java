package io.mpaas.marathon.store;

import io.mpaas.marathon.app.MarathonTime;
import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.group.GroupSpec;
import io.mpaas.marathon.group.RootGroup;
import io.mpaas.protocol.marathon.App;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A root group as stored: its groups in full, its apps only as references to stored app versions, so a
 * root costs a few bytes per app however large the definitions are. Never leaves this package.
 *
 * @param version the root's version, {@link MarathonTime} format
 */
record StoredRoot(String version, List<AppRef> apps, List<StoredGroup> groups) {

    StoredRoot {
        apps = List.copyOf(apps);
        groups = List.copyOf(groups);
    }

    /** Which version of which app the root runs. */
    record AppRef(String id, String version) {

        Instant instant() {
            return MarathonTime.parse(version);
        }
    }

    /** A {@link GroupSpec}, ids as strings. */
    record StoredGroup(String id, List<String> dependencies, String enforceRole) {

        StoredGroup {
            dependencies = dependencies == null ? List.of() : List.copyOf(dependencies);
        }
    }

    static StoredRoot of(RootGroup root) {
        Instant rootVersion = millis(root.version());
        List<AppRef> refs = root.apps().entrySet().stream()
                .map(e -> new AppRef(e.getKey().toString(),
                        MarathonTime.format(versionOf(e.getValue(), rootVersion))))
                .toList();
        List<StoredGroup> groups = root.groups().values().stream()
                .map(g -> new StoredGroup(g.id().toString(), g.dependencies().stream().map(PathId::toString)
                        .toList(), g.enforceRole()))
                .toList();
        return new StoredRoot(MarathonTime.format(rootVersion), refs, groups);
    }

    /**
     * The version an app is stored under: its own; an app without one (not normalized, as some tests
     * build them) is stored under the version of the root that brought it.
     */
    static Instant versionOf(App app, Instant rootVersion) {
        return app.version() == null ? millis(rootVersion) : MarathonTime.parse(app.version());
    }

    /** Versions are kept to the millisecond, as Marathon writes them. */
    static Instant millis(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }

    Instant instant() {
        return MarathonTime.parse(version);
    }

    /**
     * The root group, each app looked up by {@code apps}.
     *
     * @throws IllegalStateException when a referenced app version is not stored (the store is damaged)
     */
    RootGroup resolve(Function<AppRef, Optional<App>> appsByRef) {
        Map<PathId, App> resolved = new LinkedHashMap<>();
        for (AppRef ref : apps) {
            App app = appsByRef.apply(ref).orElseThrow(() -> new IllegalStateException("Root " + version
                    + " refers to app " + ref.id() + " version " + ref.version() + ", which is not stored"));
            resolved.put(PathId.of(ref.id()), app);
        }
        Map<PathId, GroupSpec> specs = new LinkedHashMap<>();
        for (StoredGroup group : groups) {
            PathId id = PathId.of(group.id());
            specs.put(id, new GroupSpec(id, group.dependencies().stream().map(PathId::of).toList(),
                    group.enforceRole()));
        }
        return new RootGroup(instant(), resolved, specs);
    }
}
