package io.mpaas.marathon.store;

import static io.mpaas.marathon.store.GroupRepositoryContract.app;
import static io.mpaas.marathon.store.GroupRepositoryContract.root;
import static io.mpaas.marathon.store.GroupRepositoryContract.t;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.deployment.DeploymentAction;
import io.mpaas.marathon.deployment.DeploymentPlan;
import io.mpaas.marathon.deployment.DeploymentRepository;
import io.mpaas.marathon.group.GroupRepository;
import io.mpaas.marathon.group.GroupSpec;
import io.mpaas.marathon.group.RootGroup;
import io.mpaas.protocol.marathon.App;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link DeploymentRepository} must do, with the group store its plans' roots live in, run
 * against the in-memory stores and the JDBC ones.
 */
abstract class DeploymentRepositoryContract {

    /** A group store and a deployment store on it. */
    record Stores(GroupRepository groups, DeploymentRepository deployments) {
    }

    /** New, empty stores keeping {@code maxVersions}. */
    abstract Stores stores(int maxVersions);

    /** Another deployment store on the same database, as a newly elected marathon has. */
    abstract DeploymentRepository restarted(Stores stores);

    static final App WEB_1 = app("/prod/web", t(0), 2);
    static final App DB = app("/prod/db", t(0), 1);
    static final App OLD = app("/legacy", t(0), 1);
    static final App WEB_2 = app("/prod/web", t(10), 3);
    static final App API = app("/prod/api", t(10), 2);

    static final RootGroup ORIGINAL = root(t(0), WEB_1, DB, OLD).putGroup(GroupSpec.of(PathId.of("/prod")));
    static final RootGroup TARGET = root(t(10), WEB_2, DB, API).putGroup(GroupSpec.of(PathId.of("/prod")));

    /** A plan with every kind of action, its apps taken from the roots as the planner does. */
    static DeploymentPlan plan(String id, RootGroup original, RootGroup target) {
        return new DeploymentPlan(id, target.version(), original, target, List.of(
                new DeploymentPlan.DeploymentStep(List.of(new DeploymentAction.StopApplication(OLD))),
                new DeploymentPlan.DeploymentStep(List.of(new DeploymentAction.StartApplication(API))),
                new DeploymentPlan.DeploymentStep(List.of(new DeploymentAction.ScaleApplication(API, 2, List.of()),
                        new DeploymentAction.RestartApplication(WEB_2))),
                new DeploymentPlan.DeploymentStep(List.of(new DeploymentAction.ScaleApplication(DB, 0,
                        List.of("prod_db.instance-1", "prod_db.instance-2"))))));
    }

    @Test
    void savedPlansComeBackWithTheirRootsAndApps() {
        Stores stores = stores(50);
        stores.groups().store(ORIGINAL);
        stores.groups().store(TARGET);
        DeploymentPlan plan = plan("6f1e3a52-0c4b-4f4e-9b7a-0d0f1d8e2c11", ORIGINAL, TARGET);

        stores.deployments().save(plan);

        assertThat(stores.deployments().all()).containsExactly(plan);
        assertThat(restarted(stores).all()).containsExactly(plan);
    }

    @Test
    void plansAreListedOldestFirstAndDeletedById() {
        Stores stores = stores(50);
        stores.groups().store(ORIGINAL);
        stores.groups().store(TARGET);
        RootGroup later = TARGET.withVersion(t(20));
        stores.groups().store(later);
        DeploymentPlan second = plan("b-second", TARGET, later);
        DeploymentPlan first = plan("a-first", ORIGINAL, TARGET);
        stores.deployments().save(second);
        stores.deployments().save(first);

        assertThat(stores.deployments().all()).containsExactly(first, second);

        stores.deployments().delete("a-first");
        stores.deployments().delete("unknown");
        assertThat(stores.deployments().all()).containsExactly(second);
    }

    @Test
    void savingAPlanAgainReplacesIt() {
        Stores stores = stores(50);
        stores.groups().store(ORIGINAL);
        stores.groups().store(TARGET);
        DeploymentPlan plan = plan("p", ORIGINAL, TARGET);
        stores.deployments().save(plan);
        DeploymentPlan shorter = new DeploymentPlan("p", plan.version(), ORIGINAL, TARGET, plan.steps().subList(0, 1));

        stores.deployments().save(shorter);

        assertThat(stores.deployments().all()).containsExactly(shorter);
    }

    @Test
    void aPlanWhoseRootsAreNotStoredIsRefused() {
        Stores stores = stores(50);
        stores.groups().store(ORIGINAL);

        assertThatThrownBy(() -> stores.deployments().save(plan("p", ORIGINAL, TARGET)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("roots are stored");
        assertThat(stores.deployments().all()).isEmpty();
    }

    @Test
    void theRootsOfStoredPlansSurvivePruningUntilThePlanIsDeleted() {
        Stores stores = stores(2);
        stores.groups().store(ORIGINAL);
        stores.groups().store(TARGET);
        DeploymentPlan plan = plan("long-running", ORIGINAL, TARGET);
        stores.deployments().save(plan);
        for (int i = 1; i <= 3; i++) {
            stores.groups().store(root(t(10 + i), WEB_2, DB, app("/churn", t(10 + i), i)));
        }

        assertThat(stores.groups().rootVersions()).containsExactly(t(13), t(12), t(10), t(0));
        assertThat(restarted(stores).all()).containsExactly(plan);

        stores.deployments().delete("long-running");
        stores.groups().store(root(t(14), WEB_2, DB));
        assertThat(stores.groups().rootVersions()).containsExactly(t(14), t(13));
        assertThat(stores.groups().appVersions(PathId.of("/legacy"))).containsExactly(t(0));
    }
}
