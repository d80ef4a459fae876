package io.mpaas.marathon.store;

import io.mpaas.marathon.deployment.DeploymentPlan;
import io.mpaas.marathon.deployment.DeploymentRepository;
import io.mpaas.marathon.group.RootGroup;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The deployment store in memory, for scheduler tests. Like {@link JdbcDeploymentRepository} it keeps a
 * plan by versions only and reads its roots and apps back through the group store, which keeps them while
 * the plan is stored; so a test that saves a plan before storing its roots fails here as it would in
 * production.
 */
public final class InMemoryDeploymentRepository implements DeploymentRepository {

    private final InMemoryGroupRepository groups;
    private final Map<String, StoredPlan> plans = new LinkedHashMap<>();

    /** @param groups the group store the plans' roots are stored in */
    public InMemoryDeploymentRepository(InMemoryGroupRepository groups) {
        this.groups = Objects.requireNonNull(groups, "groups");
    }

    /** Every stored plan, oldest first. */
    @Override
    public synchronized List<DeploymentPlan> all() {
        Map<Instant, RootGroup> roots = new HashMap<>();
        return plans.values().stream()
                .sorted(Comparator.comparing(StoredPlan::instant).thenComparing(StoredPlan::id))
                .map(plan -> plan.resolve(groups, roots)).toList();
    }

    /**
     * Stores the plan, replacing a stored one with the same id.
     *
     * @throws IllegalStateException when its roots are not stored in the group store
     */
    @Override
    public synchronized void save(DeploymentPlan plan) {
        StoredPlan stored = StoredPlan.of(plan);
        List<Instant> roots = List.of(stored.originalInstant(), stored.targetInstant());
        if (!roots.stream().allMatch(groups::hasRootVersion)) {
            throw StoredPlan.rootsMissing(plan.id());
        }
        groups.pin(plan.id(), roots);
        plans.put(plan.id(), stored);
    }

    @Override
    public synchronized void delete(String deploymentId) {
        plans.remove(deploymentId);
        groups.unpin(deploymentId);
    }
}
