package io.mpaas.marathon.store;

import io.mpaas.marathon.app.MarathonTime;
import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.group.GroupRepository;
import io.mpaas.marathon.group.RootGroup;
import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.MarathonJson;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The group store in the service's database: app versions by (id, version), root versions that refer
 * to them, and one row naming the current root.
 *
 * <p><b>Optimistic locking.</b> The current-root row carries a revision that every {@link #store} compares
 * and sets in the transaction that writes the root. The revision expected is the one of the current root
 * this repository last read ({@link #root()}) or wrote; so a store fails with
 * {@link OptimisticLockingFailureException}, and writes nothing, when another writer (a second marathon
 * that also believes it leads) stored a root since. Of two marathons that both derived a root from the
 * same current one, the first to store wins and the second fails; it must read {@link #root()} again
 * before it may store. Callers derive a new root from {@link #root()} and store it without another
 * {@code root()} call in between (the group manager serializes its updates).
 *
 * <p>The current root is kept in memory as last read or written and returned again while the row's
 * revision is unchanged, so {@link #root()} costs one single-row query however many apps there are.
 */
public final class JdbcGroupRepository implements GroupRepository {

    /** Keys per IN list: far below PostgreSQL's 32767 bind parameters, big enough for few round trips. */
    private static final int CHUNK = 1000;

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final TransactionTemplate transactions;
    private final VersionRetention retention;
    private final AtomicReference<Seen> seen = new AtomicReference<>();

    /**
     * @param jdbc        on the database Flyway migrated ({@code db/migration})
     * @param maxVersions versions kept per app and of the root (Marathon's {@code --zk_max_versions})
     */
    public JdbcGroupRepository(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, int maxVersions) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.transactions = new TransactionTemplate(transactionManager);
        this.retention = new VersionRetention(maxVersions);
    }

    /** The current root and the revision of the current-root row it was read or written at. */
    private record Seen(long revision, RootGroup root) {
    }

    private record Pointer(Instant version, long revision) {
    }

    @Override
    public RootGroup root() {
        Pointer pointer = pointer();
        Seen last = seen.get();
        if (last != null && last.revision() == pointer.revision()) {
            return last.root();
        }
        RootGroup root = pointer.version() == null ? RootGroup.empty(Instant.EPOCH)
                : rootVersion(pointer.version()).orElseThrow(() -> new IllegalStateException(
                        "The current root version " + MarathonTime.format(pointer.version()) + " is not stored"));
        remember(new Seen(pointer.revision(), root));
        return root;
    }

    /**
     * Stores {@code root} (its version truncated to the millisecond) as the current root.
     *
     * @throws OptimisticLockingFailureException when another writer stored a root since this repository
     *                                           last read or wrote the current one
     */
    @Override
    public synchronized void store(RootGroup root) {
        StoredRoot stored = StoredRoot.of(root);
        Instant version = stored.instant();
        Seen base = seen.get();
        long expected = base != null ? base.revision() : pointer().revision();
        Map<PathId, App> changed = new HashMap<>(root.apps());
        if (base != null) {
            changed.entrySet().removeIf(e -> e.getValue().equals(base.root().apps().get(e.getKey())));
        }
        transactions.executeWithoutResult(status -> {
            int moved = jdbc.update("update marathon_current_root set version = ?, revision = revision + 1"
                    + " where id = 1 and revision = ?", timestamp(version), expected);
            if (moved == 0) {
                throw new OptimisticLockingFailureException("Another writer stored a root group since this"
                        + " marathon read it (expected revision " + expected + "); read the root again");
            }
            upsertApps(changed, version);
            upsertRoot(version, MarathonJson.write(stored));
            prune(version);
        });
        remember(new Seen(expected + 1, root.withVersion(version)));
    }

    @Override
    public List<Instant> rootVersions() {
        return jdbc.query("select version from marathon_root_version order by version desc",
                (rs, row) -> instant(rs, "version"));
    }

    @Override
    public Optional<RootGroup> rootVersion(Instant version) {
        return storedRoot(StoredRoot.millis(version)).map(stored -> {
            Map<StoredRoot.AppRef, App> apps = apps(stored.apps());
            return stored.resolve(ref -> Optional.ofNullable(apps.get(ref)));
        });
    }

    @Override
    public List<Instant> appVersions(PathId appId) {
        return jdbc.query("select version from marathon_app_version where app_id = ? order by version desc",
                (rs, row) -> instant(rs, "version"), appId.toString());
    }

    @Override
    public Optional<App> appVersion(PathId appId, Instant version) {
        return jdbc.query("select body from marathon_app_version where app_id = ? and version = ?",
                (rs, row) -> MarathonJson.read(rs.getString("body"), App.class), appId.toString(),
                timestamp(StoredRoot.millis(version))).stream().findFirst();
    }

    private Pointer pointer() {
        return jdbc.queryForObject("select version, revision from marathon_current_root where id = 1",
                (rs, row) -> new Pointer(rs.getObject("version") == null ? null : instant(rs, "version"),
                        rs.getLong("revision")));
    }

    /** Keeps the newer of what is remembered and {@code candidate}: a slow read must not undo a store. */
    private void remember(Seen candidate) {
        seen.accumulateAndGet(candidate, (old, fresh) -> old == null || fresh.revision() >= old.revision()
                ? fresh : old);
    }

    private Optional<StoredRoot> storedRoot(Instant version) {
        return jdbc.query("select body from marathon_root_version where version = ?",
                (rs, row) -> MarathonJson.read(rs.getString("body"), StoredRoot.class), timestamp(version))
                .stream().findFirst();
    }

    private Map<StoredRoot.AppRef, App> apps(List<StoredRoot.AppRef> refs) {
        Map<StoredRoot.AppRef, App> result = new HashMap<>();
        for (int from = 0; from < refs.size(); from += CHUNK) {
            List<Object[]> keys = refs.subList(from, Math.min(refs.size(), from + CHUNK)).stream()
                    .map(ref -> new Object[] {ref.id(), timestamp(ref.instant())}).toList();
            named.query("select app_id, version, body from marathon_app_version where (app_id, version) in (:keys)",
                    Map.of("keys", keys), rs -> {
                        result.put(new StoredRoot.AppRef(rs.getString("app_id"),
                                MarathonTime.format(instant(rs, "version"))),
                                MarathonJson.read(rs.getString("body"), App.class));
                    });
        }
        return result;
    }

    /** Writes the apps that are new or differ from the current root; a rewritten version takes the new body. */
    private void upsertApps(Map<PathId, App> apps, Instant rootVersion) {
        List<Object[]> rows = apps.entrySet().stream().map(e -> new Object[] {MarathonJson.write(e.getValue()),
                e.getKey().toString(), timestamp(StoredRoot.versionOf(e.getValue(), rootVersion))}).toList();
        int[] updated = jdbc.batchUpdate("update marathon_app_version set body = ? where app_id = ? and version = ?",
                rows);
        List<Object[]> missing = new ArrayList<>();
        for (int i = 0; i < updated.length; i++) {
            if (updated[i] == 0) {
                missing.add(rows.get(i));
            }
        }
        jdbc.batchUpdate("insert into marathon_app_version (body, app_id, version) values (?, ?, ?)", missing);
    }

    private void upsertRoot(Instant version, String body) {
        if (jdbc.update("update marathon_root_version set body = ? where version = ?", body, timestamp(version)) == 0) {
            jdbc.update("insert into marathon_root_version (version, body) values (?, ?)", timestamp(version), body);
        }
    }

    private void prune(Instant current) {
        List<Instant> roots = rootVersions();
        if (retention.crowded(roots.size())) {
            Set<Instant> needed = new HashSet<>(jdbc.query(
                    "select original_version, target_version from marathon_deployment", (rs, row) -> List.of(
                            instant(rs, "original_version"), instant(rs, "target_version")))
                    .stream().flatMap(List::stream).toList());
            needed.add(current);
            List<Object> surplus = retention.surplus(roots, needed).stream().map(v -> (Object) timestamp(v)).toList();
            deleteInChunks("delete from marathon_root_version where version in (:keys)", surplus);
        }
        List<String> crowdedApps = jdbc.queryForList("select app_id from marathon_app_version group by app_id"
                + " having count(*) > ?", String.class, retention.maxVersions());
        if (crowdedApps.isEmpty()) {
            return;
        }
        Map<String, List<Instant>> versions = new HashMap<>();
        named.query("select app_id, version from marathon_app_version where app_id in (:ids)",
                Map.of("ids", crowdedApps), rs -> {
                    versions.computeIfAbsent(rs.getString("app_id"), id -> new ArrayList<>())
                            .add(instant(rs, "version"));
                });
        List<StoredRoot> keptRoots = jdbc.query("select body from marathon_root_version",
                (rs, row) -> MarathonJson.read(rs.getString("body"), StoredRoot.class));
        List<Object> surplus = new ArrayList<>();
        retention.surplusAppVersions(versions, keptRoots).forEach((app, old) ->
                old.forEach(v -> surplus.add(new Object[] {app, timestamp(v)})));
        deleteInChunks("delete from marathon_app_version where (app_id, version) in (:keys)", surplus);
    }

    private void deleteInChunks(String sql, List<Object> keys) {
        for (int from = 0; from < keys.size(); from += CHUNK) {
            named.update(sql, Map.of("keys", keys.subList(from, Math.min(keys.size(), from + CHUNK))));
        }
    }

    static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }
}
