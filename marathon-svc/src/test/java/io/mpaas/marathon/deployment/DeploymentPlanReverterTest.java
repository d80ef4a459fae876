package io.mpaas.marathon.deployment;

import static io.mpaas.marathon.deployment.DeploymentPlannerTest.app;
import static io.mpaas.marathon.deployment.DeploymentPlannerTest.root;
import static org.assertj.core.api.Assertions.assertThat;

import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.deployment.DeploymentAction.RestartApplication;
import io.mpaas.marathon.deployment.DeploymentAction.ScaleApplication;
import io.mpaas.marathon.group.GroupSpec;
import io.mpaas.marathon.group.RootGroup;
import io.mpaas.protocol.marathon.App;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeploymentPlanReverterTest {

    static final Instant V1 = Instant.parse("2024-01-01T00:00:00Z");
    static final Instant V2 = Instant.parse("2024-01-02T00:00:00Z");
    static final Instant V3 = Instant.parse("2024-01-03T00:00:00Z");

    static final PathId A = PathId.of("/a");

    @Test
    void appAddedByThePlanIsRemoved() {
        DeploymentPlan plan = DeploymentPlanner.plan(root(V1), root(V2, app("/a", 1, "a", V2)), "p");

        RootGroup reverted = DeploymentPlanReverter.revert(plan, plan.target());

        assertThat(reverted.apps()).isEmpty();
    }

    @Test
    void appRemovedByThePlanIsRestoredAsItWas() {
        App a = app("/a", 2, "a", V1);
        DeploymentPlan plan = DeploymentPlanner.plan(root(V1, a), root(V2), "p");

        RootGroup reverted = DeploymentPlanReverter.revert(plan, plan.target());

        assertThat(reverted.apps()).containsExactly(Map.entry(A, a));
    }

    @Test
    void changedAppGetsBackItsOriginalDefinitionAndVersion() {
        App before = app("/a", 2, "sleep 1", V1);
        DeploymentPlan plan = DeploymentPlanner.plan(root(V1, before), root(V2, app("/a", 2, "sleep 2", V2)), "p");

        RootGroup reverted = DeploymentPlanReverter.revert(plan, plan.target());

        assertThat(reverted.app(A)).contains(before);
    }

    @Test
    void keepsTheCurrentVersionForTheCallerToStamp() {
        DeploymentPlan plan = DeploymentPlanner.plan(root(V1), root(V2, app("/a", 1, "a", V2)), "p");

        assertThat(DeploymentPlanReverter.revert(plan, plan.target().withVersion(V3)).version()).isEqualTo(V3);
    }

    @Test
    void changesMadeSinceToOtherAppsSurvive() {
        DeploymentPlan plan = DeploymentPlanner.plan(root(V1), root(V2, app("/a", 1, "a", V2)), "p");
        App later = app("/b", 1, "b", V3);
        RootGroup current = plan.target().putApp(PathId.of("/b"), later).withVersion(V3);

        RootGroup reverted = DeploymentPlanReverter.revert(plan, current);

        assertThat(reverted.apps()).containsOnlyKeys(PathId.of("/b"));
        assertThat(reverted.app(PathId.of("/b"))).contains(later);
    }

    @Test
    void appsThePlanDidNotTouchKeepTheirCurrentDefinition() {
        App untouched = app("/u", 1, "u", V1);
        DeploymentPlan plan = DeploymentPlanner.plan(root(V1, untouched), root(V2, untouched, app("/a", 1, "a", V2)),
                "p");
        App scaledSince = app("/u", 4, "u", V3);
        RootGroup current = plan.target().putApp(PathId.of("/u"), scaledSince);

        assertThat(DeploymentPlanReverter.revert(plan, current).app(PathId.of("/u"))).contains(scaledSince);
    }

    @Test
    void groupSpecsAreRevertedToo() {
        GroupSpec originalSpec = new GroupSpec(PathId.of("/front"), List.of(PathId.of("/back")), null);
        RootGroup original = root(V1, app("/front/web", 1, "w", V1)).putGroup(originalSpec);
        RootGroup target = root(V2, app("/front/web", 1, "w", V1))
                .putGroup(new GroupSpec(PathId.of("/front"), List.of(), null))
                .putGroup(GroupSpec.of(PathId.of("/extra")));
        DeploymentPlan plan = new DeploymentPlan("p", V2, original, target, List.of());

        RootGroup reverted = DeploymentPlanReverter.revert(plan, target);

        assertThat(reverted.groups()).containsOnlyKeys(PathId.of("/front"));
        assertThat(reverted.groupSpec(PathId.of("/front"))).isEqualTo(originalSpec);
    }

    @Test
    void planningTheRevertedRootUndoesARestart() {
        App before = app("/a", 2, "sleep 1", V1);
        DeploymentPlan plan = DeploymentPlanner.plan(root(V1, before), root(V2, app("/a", 2, "sleep 2", V2)), "p");

        RootGroup reverted = DeploymentPlanReverter.revert(plan, plan.target()).withVersion(V3);
        DeploymentPlan rollback = DeploymentPlanner.plan(plan.target(), reverted, "rollback");

        assertThat(rollback.steps()).extracting(DeploymentPlan.DeploymentStep::actions)
                .containsExactly(List.of(new RestartApplication(before)));
    }

    @Test
    void planningTheRevertedRootUndoesAScale() {
        App before = app("/a", 2, "sleep 1", V1);
        DeploymentPlan plan = DeploymentPlanner.plan(root(V1, before), root(V2, app("/a", 5, "sleep 1", V2)), "p");

        RootGroup reverted = DeploymentPlanReverter.revert(plan, plan.target()).withVersion(V3);
        DeploymentPlan rollback = DeploymentPlanner.plan(plan.target(), reverted, "rollback");

        assertThat(rollback.steps()).extracting(DeploymentPlan.DeploymentStep::actions)
                .containsExactly(List.of(new ScaleApplication(before, 2, List.of())));
    }

    @Test
    void planningTheRevertedRootOfAnAdditionStopsTheApp() {
        DeploymentPlan plan = DeploymentPlanner.plan(root(V1), root(V2, app("/a", 1, "a", V2)), "p");

        RootGroup reverted = DeploymentPlanReverter.revert(plan, plan.target()).withVersion(V3);

        assertThat(DeploymentPlannerTest.steps(DeploymentPlanner.plan(plan.target(), reverted, "rollback")))
                .containsExactly(List.of("StopApplication /a"));
    }
}
