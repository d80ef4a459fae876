package io.mpaas.marathon.store;

import static io.mpaas.marathon.store.JdbcGroupRepository.timestamp;

import io.mpaas.marathon.app.AppVersioning;
import io.mpaas.marathon.app.MarathonTime;
import io.mpaas.marathon.instance.Instance;
import io.mpaas.marathon.instance.InstanceRepository;
import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.MarathonJson;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The instance store in the service's database: one row per instance, its body as JSON (a
 * {@link StoredInstance}) beside an indexed app id.
 *
 * <p>Built for launch bursts: {@link #saveAll} writes a batch of hundreds as one JDBC batch of upserts in
 * one transaction, a few round trips however large the batch. The upsert is the database's own, so that a
 * row inserted meanwhile by another transaction is updated rather than failing the batch: PostgreSQL's
 * {@code insert ... on conflict do update}, and H2's {@code merge ... key} in local mode.
 *
 * <p>A row written before instances kept their configuration version gets it from the app version it ran
 * ({@code versionInfo.lastConfigChangeAt} in {@code marathon_app_version}), looked up once per app version
 * on load: otherwise an instance launched at a scale's version would count as outdated, lose its health
 * checks and, while scheduled, never launch. Such rows are rewritten with it on their next change.
 */
public final class JdbcInstanceRepository implements InstanceRepository {

    private static final int CHUNK = 1000;
    private static final String POSTGRES_UPSERT = "insert into marathon_instance (app_id, body, instance_id)"
            + " values (?, ?, ?) on conflict (instance_id) do update set app_id = excluded.app_id, body = excluded.body";
    private static final String H2_UPSERT = "merge into marathon_instance (app_id, body, instance_id)"
            + " key (instance_id) values (?, ?, ?)";

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final TransactionTemplate transactions;
    private volatile String upsert;

    public JdbcInstanceRepository(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** Every stored instance, in no particular order; instants come back to the millisecond. */
    @Override
    public List<Instance> all() {
        List<StoredInstance> rows = jdbc.query("select body from marathon_instance",
                (rs, row) -> MarathonJson.read(rs.getString("body"), StoredInstance.class));
        Map<List<String>, Instant> configVersions = new HashMap<>();
        return rows.stream().map(row -> row.configVersionKnown() ? row.toInstance()
                : row.toInstance(configVersions.computeIfAbsent(List.of(row.appId(), row.runSpecVersion()),
                        key -> configVersionOf(row.appId(), MarathonTime.parse(row.runSpecVersion()))))).toList();
    }

    /**
     * The configuration version of the stored app version; the version itself when that is no longer stored
     * (pruned: the instance is far behind and outdated anyway) or was stored without a version.
     */
    private Instant configVersionOf(String appId, Instant version) {
        return jdbc.query("select body from marathon_app_version where app_id = ? and version = ?",
                        (rs, row) -> MarathonJson.read(rs.getString("body"), App.class), appId, timestamp(version))
                .stream().filter(app -> app.version() != null).findFirst()
                .map(AppVersioning::configVersion).orElse(version);
    }

    @Override
    public void saveAll(Collection<Instance> instances) {
        // The last of two saves of one instance in a batch wins, as if they had been saved one by one.
        Map<String, Instance> byId = new LinkedHashMap<>();
        instances.forEach(i -> byId.put(i.instanceId(), i));
        if (byId.isEmpty()) {
            return;
        }
        List<Object[]> rows = byId.values().stream().map(i -> new Object[] {i.appId().toString(),
                MarathonJson.write(StoredInstance.of(i)), i.instanceId()}).toList();
        String sql = upsert();
        transactions.executeWithoutResult(status -> jdbc.batchUpdate(sql, rows));
    }

    /** The upsert statement of the database at hand: PostgreSQL, or H2 in local mode. */
    private String upsert() {
        if (upsert == null) {
            String product = jdbc.execute((ConnectionCallback<String>) c -> c.getMetaData().getDatabaseProductName());
            upsert = "H2".equals(product) ? H2_UPSERT : POSTGRES_UPSERT;
        }
        return upsert;
    }

    @Override
    public void deleteAll(Collection<String> instanceIds) {
        List<String> ids = List.copyOf(instanceIds);
        if (ids.isEmpty()) {
            return;
        }
        transactions.executeWithoutResult(status -> {
            for (int from = 0; from < ids.size(); from += CHUNK) {
                named.update("delete from marathon_instance where instance_id in (:ids)",
                        Map.of("ids", ids.subList(from, Math.min(ids.size(), from + CHUNK))));
            }
        });
    }
}
