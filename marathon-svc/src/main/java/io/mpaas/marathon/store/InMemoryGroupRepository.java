package io.mpaas.marathon.store;

import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.group.GroupRepository;
import io.mpaas.marathon.group.RootGroup;
import io.mpaas.protocol.marathon.App;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * The group store in memory, for scheduler tests that must run in milliseconds. It keeps the rules of
 * {@link JdbcGroupRepository}: apps stored by (id, version) and shared between roots, versions to the
 * millisecond, pruning beyond {@code maxVersions} except what is still needed, and optimistic locking
 * against other writers. {@link #newWriter()} gives such another writer: a second repository on the same
 * stored state, as a second marathon process on the same database has.
 */
public final class InMemoryGroupRepository implements GroupRepository {

    private final Shelf shelf;
    /** The current root as this repository last read or wrote it; guarded by {@code shelf}. */
    private Seen seen;

    /** An empty store keeping Marathon's default of 50 versions. */
    public InMemoryGroupRepository() {
        this(50);
    }

    public InMemoryGroupRepository(int maxVersions) {
        this(new Shelf(new VersionRetention(maxVersions)));
    }

    private InMemoryGroupRepository(Shelf shelf) {
        this.shelf = shelf;
    }

    /** A second writer on the same stored state, which has read nothing yet. */
    public InMemoryGroupRepository newWriter() {
        return new InMemoryGroupRepository(shelf);
    }

    private record Seen(long revision, RootGroup root) {
    }

    /** What a database would hold; shared by the writers of one store. */
    private static final class Shelf {
        final VersionRetention retention;
        final Map<String, TreeMap<Instant, App>> apps = new HashMap<>();
        final TreeMap<Instant, StoredRoot> roots = new TreeMap<>();
        /** Root versions stored deployments need, by deployment id. */
        final Map<String, List<Instant>> pins = new HashMap<>();
        Instant current;
        long revision;

        Shelf(VersionRetention retention) {
            this.retention = retention;
        }

        RootGroup resolve(StoredRoot stored) {
            return stored.resolve(ref -> Optional.ofNullable(apps.getOrDefault(ref.id(), new TreeMap<>())
                    .get(ref.instant())));
        }
    }

    @Override
    public RootGroup root() {
        synchronized (shelf) {
            if (seen == null || seen.revision() != shelf.revision) {
                RootGroup root = shelf.current == null ? RootGroup.empty(Instant.EPOCH)
                        : shelf.resolve(shelf.roots.get(shelf.current));
                seen = new Seen(shelf.revision, root);
            }
            return seen.root();
        }
    }

    /**
     * Stores {@code root} (its version truncated to the millisecond) as the current root.
     *
     * @throws OptimisticLockingFailureException when another writer stored a root since this repository
     *                                           last read or wrote the current one
     */
    @Override
    public void store(RootGroup root) {
        StoredRoot stored = StoredRoot.of(root);
        Instant version = stored.instant();
        synchronized (shelf) {
            long expected = seen != null ? seen.revision() : shelf.revision;
            if (shelf.revision != expected) {
                throw new OptimisticLockingFailureException("Another writer stored a root group since this"
                        + " marathon read it (expected revision " + expected + "); read the root again");
            }
            root.apps().forEach((id, app) -> shelf.apps.computeIfAbsent(id.toString(), k -> new TreeMap<>())
                    .put(StoredRoot.versionOf(app, version), app));
            shelf.roots.put(version, stored);
            shelf.current = version;
            shelf.revision++;
            prune();
            seen = new Seen(shelf.revision, root.withVersion(version));
        }
    }

    @Override
    public List<Instant> rootVersions() {
        synchronized (shelf) {
            return List.copyOf(shelf.roots.descendingKeySet());
        }
    }

    @Override
    public Optional<RootGroup> rootVersion(Instant version) {
        synchronized (shelf) {
            return Optional.ofNullable(shelf.roots.get(StoredRoot.millis(version))).map(shelf::resolve);
        }
    }

    @Override
    public List<Instant> appVersions(PathId appId) {
        synchronized (shelf) {
            return List.copyOf(shelf.apps.getOrDefault(appId.toString(), new TreeMap<>()).descendingKeySet());
        }
    }

    @Override
    public Optional<App> appVersion(PathId appId, Instant version) {
        synchronized (shelf) {
            return Optional.ofNullable(shelf.apps.getOrDefault(appId.toString(), new TreeMap<>())
                    .get(StoredRoot.millis(version)));
        }
    }

    /** Keeps these root versions while the deployment {@code id} is stored (see {@link InMemoryDeploymentRepository}). */
    void pin(String id, List<Instant> rootVersions) {
        synchronized (shelf) {
            shelf.pins.put(id, List.copyOf(rootVersions));
        }
    }

    void unpin(String id) {
        synchronized (shelf) {
            shelf.pins.remove(id);
        }
    }

    /** Whether the root of this version is stored. */
    boolean hasRootVersion(Instant version) {
        synchronized (shelf) {
            return shelf.roots.containsKey(version);
        }
    }

    private void prune() {
        Set<Instant> needed = new HashSet<>();
        shelf.pins.values().forEach(needed::addAll);
        needed.add(shelf.current);
        shelf.retention.surplus(shelf.roots.keySet(), needed).forEach(shelf.roots::remove);
        Map<String, Collection<Instant>> crowded = new HashMap<>();
        shelf.apps.forEach((id, versions) -> {
            if (shelf.retention.crowded(versions.size())) {
                crowded.put(id, versions.keySet());
            }
        });
        shelf.retention.surplusAppVersions(crowded, shelf.roots.values())
                .forEach((id, old) -> old.forEach(shelf.apps.get(id)::remove));
    }
}
