package io.mpaas.marathon.fake;

import io.mpaas.marathon.app.MarathonTime;
import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.group.GroupRepository;
import io.mpaas.marathon.group.RootGroup;
import io.mpaas.protocol.marathon.App;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Every stored root and app version in memory, newest listed first. */
public final class FakeGroupRepository implements GroupRepository {

    private RootGroup root = RootGroup.empty(Instant.EPOCH);
    private final TreeMap<Instant, RootGroup> roots = new TreeMap<>();
    private final Map<PathId, TreeMap<Instant, App>> apps = new HashMap<>();

    @Override
    public synchronized RootGroup root() {
        return root;
    }

    @Override
    public synchronized void store(RootGroup newRoot) {
        root = newRoot;
        roots.put(newRoot.version(), newRoot);
        newRoot.apps().forEach((id, app) -> apps.computeIfAbsent(id, k -> new TreeMap<>())
                .put(MarathonTime.parse(app.version()), app));
    }

    @Override
    public synchronized List<Instant> rootVersions() {
        return roots.descendingKeySet().stream().toList();
    }

    @Override
    public synchronized Optional<RootGroup> rootVersion(Instant version) {
        return Optional.ofNullable(roots.get(version));
    }

    @Override
    public synchronized List<Instant> appVersions(PathId appId) {
        TreeMap<Instant, App> versions = apps.get(appId);
        return versions == null ? List.of() : versions.keySet().stream().sorted(Comparator.reverseOrder()).toList();
    }

    @Override
    public synchronized Optional<App> appVersion(PathId appId, Instant version) {
        TreeMap<Instant, App> versions = apps.get(appId);
        return versions == null ? Optional.empty() : Optional.ofNullable(versions.get(version));
    }
}
