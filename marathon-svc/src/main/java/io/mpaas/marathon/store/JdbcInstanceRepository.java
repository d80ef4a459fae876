package io.mpaas.marathon.store;

import io.mpaas.marathon.instance.Instance;
import io.mpaas.marathon.instance.InstanceRepository;
import io.mpaas.protocol.marathon.MarathonJson;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The instance store in the service's database: one row per instance, its body as JSON (a
 * {@link StoredInstance}) beside an indexed app id.
 *
 * <p>Built for launch bursts: {@link #saveAll} writes a batch of hundreds in one transaction and two
 * JDBC batches (update the known ones, insert the rest), a few round trips however large the batch. One
 * writer is assumed (the leader's instance tracker, which serializes its writes); two concurrent saves
 * of the same new instance could both try to insert it, and one would fail on the primary key.
 */
public final class JdbcInstanceRepository implements InstanceRepository {

    private static final int CHUNK = 1000;

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final TransactionTemplate transactions;

    public JdbcInstanceRepository(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** Every stored instance, in no particular order; instants come back to the millisecond. */
    @Override
    public List<Instance> all() {
        return jdbc.query("select body from marathon_instance",
                (rs, row) -> MarathonJson.read(rs.getString("body"), StoredInstance.class).toInstance());
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
        transactions.executeWithoutResult(status -> {
            int[] updated = jdbc.batchUpdate("update marathon_instance set app_id = ?, body = ?"
                    + " where instance_id = ?", rows);
            List<Object[]> missing = new ArrayList<>();
            for (int i = 0; i < updated.length; i++) {
                if (updated[i] == 0) {
                    missing.add(rows.get(i));
                }
            }
            jdbc.batchUpdate("insert into marathon_instance (app_id, body, instance_id) values (?, ?, ?)", missing);
        });
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
