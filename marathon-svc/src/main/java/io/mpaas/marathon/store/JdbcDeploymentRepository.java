package io.mpaas.marathon.store;

import static io.mpaas.marathon.store.JdbcGroupRepository.timestamp;

import io.mpaas.marathon.deployment.DeploymentPlan;
import io.mpaas.marathon.deployment.DeploymentRepository;
import io.mpaas.marathon.group.GroupRepository;
import io.mpaas.marathon.group.RootGroup;
import io.mpaas.protocol.marathon.MarathonJson;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The deployment store in the service's database: each plan as a {@link StoredPlan} (roots and apps by
 * version), read back whole through the group store. The plan's root versions are columns as well, so
 * that the group store's pruning keeps them while the plan is stored.
 *
 * <p>The plan's roots must be stored ({@link GroupRepository#store}) before the plan is saved: the
 * original is the root that was current when the plan was made, the target the one current since.
 */
public final class JdbcDeploymentRepository implements DeploymentRepository {

    private final JdbcTemplate jdbc;
    private final GroupRepository groups;

    public JdbcDeploymentRepository(JdbcTemplate jdbc, GroupRepository groups) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.groups = Objects.requireNonNull(groups, "groups");
    }

    /**
     * Every stored plan, oldest first.
     *
     * @throws IllegalStateException when a root or app version a plan needs is no longer stored
     */
    @Override
    public List<DeploymentPlan> all() {
        List<StoredPlan> stored = jdbc.query("select body from marathon_deployment order by version, id",
                (rs, row) -> MarathonJson.read(rs.getString("body"), StoredPlan.class));
        Map<Instant, RootGroup> roots = new HashMap<>();
        return stored.stream().map(plan -> plan.resolve(groups, roots)).toList();
    }

    /**
     * Stores the plan, replacing a stored one with the same id.
     *
     * @throws IllegalStateException when its roots are not stored: a plan saved without them could not be
     *                               read back by the next leader
     */
    @Override
    public void save(DeploymentPlan plan) {
        StoredPlan stored = StoredPlan.of(plan);
        Set<Instant> roots = new HashSet<>(List.of(stored.originalInstant(), stored.targetInstant()));
        Integer present = jdbc.queryForObject("select count(*) from marathon_root_version where version in (?, ?)",
                Integer.class, timestamp(stored.originalInstant()), timestamp(stored.targetInstant()));
        if (present == null || present < roots.size()) {
            throw StoredPlan.rootsMissing(plan.id());
        }
        Object[] values = {timestamp(stored.instant()), timestamp(stored.originalInstant()),
                timestamp(stored.targetInstant()), MarathonJson.write(stored), plan.id()};
        if (jdbc.update("update marathon_deployment set version = ?, original_version = ?, target_version = ?,"
                + " body = ? where id = ?", values) == 0) {
            jdbc.update("insert into marathon_deployment (version, original_version, target_version, body, id)"
                    + " values (?, ?, ?, ?, ?)", values);
        }
    }

    @Override
    public void delete(String deploymentId) {
        jdbc.update("delete from marathon_deployment where id = ?", deploymentId);
    }
}
