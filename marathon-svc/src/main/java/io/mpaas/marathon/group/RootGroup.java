package io.mpaas.marathon.group;

import io.mpaas.marathon.app.PathId;
import io.mpaas.protocol.marathon.App;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything marathon should run, as one immutable value: every app (normalized, with its
 * version) and every explicit group. Each change makes a new root with a new version; a
 * deployment moves the cluster from one root to the next. Apps are stored apart from the
 * tree (by id and version), so a root is small however many apps there are.
 */
public record RootGroup(Instant version, Map<PathId, App> apps, Map<PathId, GroupSpec> groups) {

    public RootGroup {
        Objects.requireNonNull(version, "version");
        apps = Collections.unmodifiableMap(new TreeMap<>(apps));
        groups = Collections.unmodifiableMap(new TreeMap<>(groups));
    }

    public static RootGroup empty(Instant version) {
        return new RootGroup(version, Map.of(), Map.of());
    }

    public Optional<App> app(PathId id) {
        return Optional.ofNullable(apps.get(id));
    }

    /** Whether {@code id} is a group: explicit, or implied by an app beneath it. The root always is. */
    public boolean hasGroup(PathId id) {
        if (id.isRoot() || groups.containsKey(id)) {
            return true;
        }
        return apps.keySet().stream().anyMatch(app -> app.isChildOf(id));
    }

    /** Apps at any depth under {@code group}. */
    public List<App> appsUnder(PathId group) {
        return apps.entrySet().stream().filter(e -> e.getKey().isChildOf(group)).map(Map.Entry::getValue).toList();
    }

    /** The direct subgroups of {@code group}: explicit ones and ones implied by apps further down. */
    public Set<PathId> subgroups(PathId group) {
        Set<PathId> result = new java.util.TreeSet<>();
        int depth = group.segments().size() + 1;
        for (PathId id : groups.keySet()) {
            if (id.isChildOf(group)) {
                result.add(new PathId(id.segments().subList(0, depth)));
            }
        }
        for (PathId id : apps.keySet()) {
            if (id.isChildOf(group) && id.segments().size() > depth) {
                result.add(new PathId(id.segments().subList(0, depth)));
            }
        }
        return result;
    }

    /** The direct apps of {@code group}. */
    public List<App> directApps(PathId group) {
        return apps.entrySet().stream().filter(e -> e.getKey().parent().equals(group))
                .map(Map.Entry::getValue).toList();
    }

    public GroupSpec groupSpec(PathId id) {
        return groups.getOrDefault(id, GroupSpec.of(id));
    }

    /**
     * The apps {@code app} depends on, directly: its own {@code dependencies} and those of every
     * enclosing group; a dependency on a group means every app under it.
     */
    public Set<PathId> dependenciesOf(PathId appId) {
        App app = apps.get(appId);
        Set<PathId> targets = new LinkedHashSet<>();
        if (app != null && app.dependencies() != null) {
            app.dependencies().forEach(d -> targets.add(appId.parent().resolve(d)));
        }
        for (PathId ancestor : appId.ancestors()) {
            GroupSpec spec = groups.get(ancestor);
            if (spec != null) {
                targets.addAll(spec.dependencies());
            }
        }
        Set<PathId> result = new LinkedHashSet<>();
        for (PathId target : targets) {
            if (apps.containsKey(target)) {
                result.add(target);
            } else {
                apps.keySet().stream().filter(a -> a.isChildOf(target)).forEach(result::add);
            }
        }
        result.remove(appId);
        return result;
    }

    public RootGroup withVersion(Instant newVersion) {
        return new RootGroup(newVersion, apps, groups);
    }

    public RootGroup putApp(PathId id, App app) {
        Map<PathId, App> copy = new TreeMap<>(apps);
        copy.put(id, app);
        return new RootGroup(version, copy, groups);
    }

    public RootGroup removeApp(PathId id) {
        Map<PathId, App> copy = new TreeMap<>(apps);
        copy.remove(id);
        return new RootGroup(version, copy, groups);
    }

    public RootGroup putGroup(GroupSpec spec) {
        Map<PathId, GroupSpec> copy = new TreeMap<>(groups);
        copy.put(spec.id(), spec);
        return new RootGroup(version, apps, copy);
    }

    /** Removes {@code group} with everything under it (the root itself stays, emptied). */
    public RootGroup removeGroup(PathId group) {
        Map<PathId, App> appCopy = new TreeMap<>(apps);
        appCopy.keySet().removeIf(id -> id.isChildOf(group));
        Map<PathId, GroupSpec> groupCopy = new TreeMap<>(groups);
        groupCopy.keySet().removeIf(id -> id.isUnder(group));
        return new RootGroup(version, appCopy, groupCopy);
    }

    /** The ids of apps that differ between this root and {@code other} (added, removed or changed). */
    public List<PathId> changedApps(RootGroup other) {
        Set<PathId> ids = new java.util.TreeSet<>(apps.keySet());
        ids.addAll(other.apps.keySet());
        List<PathId> result = new ArrayList<>();
        for (PathId id : ids) {
            if (!Objects.equals(apps.get(id), other.apps.get(id))) {
                result.add(id);
            }
        }
        return result;
    }
}
