package io.mpaas.marathon.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mpaas.marathon.MarathonFailure;
import io.mpaas.marathon.app.AppNormalizer;
import io.mpaas.marathon.app.MarathonTime;
import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.deployment.DeploymentAction.RestartApplication;
import io.mpaas.marathon.deployment.DeploymentAction.ScaleApplication;
import io.mpaas.marathon.deployment.DeploymentAction.StartApplication;
import io.mpaas.marathon.deployment.DeploymentAction.StopApplication;
import io.mpaas.marathon.group.GroupSpec;
import io.mpaas.marathon.group.RootGroup;
import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.MarathonError.Violation;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeploymentPlannerTest {

    static final Instant V1 = Instant.parse("2024-01-01T00:00:00Z");
    static final Instant V2 = Instant.parse("2024-01-02T00:00:00Z");

    static App app(String id, int instances, String cmd, Instant version, String... dependencies) {
        return AppNormalizer.normalize(new App.Builder().id(id).instances(instances).cmd(cmd)
                .dependencies(dependencies.length == 0 ? null : List.of(dependencies))
                .version(MarathonTime.format(version)).build(), PathId.ROOT);
    }

    static RootGroup root(Instant version, App... apps) {
        RootGroup root = RootGroup.empty(version);
        for (App app : apps) {
            root = root.putApp(PathId.of(app.id()), app);
        }
        return root;
    }

    /** Each step as "Action /app" strings, to compare whole plans at a glance. */
    static List<List<String>> steps(DeploymentPlan plan) {
        return plan.steps().stream().map(step -> step.actions().stream()
                .map(a -> a.name() + " " + a.appId()).toList()).toList();
    }

    @Test
    void newAppIsStartedThenScaledToItsInstances() {
        App a = app("/a", 3, "sleep 1", V2);
        DeploymentPlan plan = DeploymentPlanner.plan(root(V1), root(V2, a), "p1");

        assertThat(plan.id()).isEqualTo("p1");
        assertThat(plan.version()).isEqualTo(V2);
        assertThat(plan.steps()).extracting(DeploymentPlan.DeploymentStep::actions).containsExactly(
                List.of(new StartApplication(a)), List.of(new ScaleApplication(a, 3, List.of())));
    }

    @Test
    void removedAppIsStoppedWithItsOriginalDefinition() {
        App a = app("/a", 2, "sleep 1", V1);
        DeploymentPlan plan = DeploymentPlanner.plan(root(V1, a), root(V2), "p");

        assertThat(plan.steps()).extracting(DeploymentPlan.DeploymentStep::actions)
                .containsExactly(List.of(new StopApplication(a)));
    }

    @Test
    void instanceChangeOnlyScales() {
        App before = app("/a", 2, "sleep 1", V1);
        App after = app("/a", 5, "sleep 1", V2);
        DeploymentPlan plan = DeploymentPlanner.plan(root(V1, before), root(V2, after), "p");

        assertThat(plan.steps()).extracting(DeploymentPlan.DeploymentStep::actions)
                .containsExactly(List.of(new ScaleApplication(after, 5, List.of())));
    }

    @Test
    void commandChangeRestarts() {
        App after = app("/a", 2, "sleep 2", V2);
        DeploymentPlan plan = DeploymentPlanner.plan(root(V1, app("/a", 2, "sleep 1", V1)), root(V2, after), "p");

        assertThat(plan.steps()).extracting(DeploymentPlan.DeploymentStep::actions)
                .containsExactly(List.of(new RestartApplication(after)));
    }

    @Test
    void changeTogetherWithScalingRestarts() {
        App after = app("/a", 4, "sleep 2", V2);
        DeploymentPlan plan = DeploymentPlanner.plan(root(V1, app("/a", 2, "sleep 1", V1)), root(V2, after), "p");

        assertThat(steps(plan)).containsExactly(List.of("RestartApplication /a"));
    }

    @Test
    void labelOnlyChangeRestarts() {
        App before = app("/a", 2, "sleep 1", V1);
        App after = before.toBuilder().labels(Map.of("team", "blue")).version(MarathonTime.format(V2)).build();
        DeploymentPlan plan = DeploymentPlanner.plan(root(V1, before), root(V2, after), "p");

        assertThat(plan.steps()).extracting(DeploymentPlan.DeploymentStep::actions)
                .containsExactly(List.of(new RestartApplication(after)));
    }

    @Test
    void changeToZeroInstancesScalesInsteadOfRestarting() {
        App after = app("/a", 0, "sleep 2", V2);
        DeploymentPlan plan = DeploymentPlanner.plan(root(V1, app("/a", 2, "sleep 1", V1)), root(V2, after), "p");

        assertThat(plan.steps()).extracting(DeploymentPlan.DeploymentStep::actions)
                .containsExactly(List.of(new ScaleApplication(after, 0, List.of())));
    }

    @Test
    void unchangedRootGivesAnEmptyPlan() {
        App a = app("/a", 2, "sleep 1", V1);
        DeploymentPlan plan = DeploymentPlanner.plan(root(V1, a), root(V2, a), "p");

        assertThat(plan.isEmpty()).isTrue();
        assertThat(plan.version()).isEqualTo(V2);
    }

    @Test
    void newVersionWithoutAnyOtherChangeDoesNothing() {
        DeploymentPlan plan = DeploymentPlanner.plan(root(V1, app("/a", 2, "sleep 1", V1)),
                root(V2, app("/a", 2, "sleep 1", V2)), "p");

        assertThat(plan.isEmpty()).isTrue();
    }

    @Test
    void newAppsAreScaledDependenciesFirstOneLayerPerStep() {
        RootGroup target = root(V2, app("/web", 1, "w", V2, "/api"), app("/api", 1, "a", V2, "/db"),
                app("/db", 1, "d", V2), app("/cache", 1, "c", V2));
        DeploymentPlan plan = DeploymentPlanner.plan(root(V1), target, "p");

        assertThat(steps(plan)).containsExactly(
                List.of("StartApplication /api", "StartApplication /cache", "StartApplication /db",
                        "StartApplication /web"),
                List.of("ScaleApplication /cache", "ScaleApplication /db"),
                List.of("ScaleApplication /api"),
                List.of("ScaleApplication /web"));
    }

    @Test
    void layerIsTheLongestDependencyPath() {
        // /top depends on /db directly and through /api: it must wait for /api, two layers up.
        RootGroup target = root(V2, app("/top", 1, "t", V2, "/db", "/api"), app("/api", 1, "a", V2, "/db"),
                app("/db", 1, "d", V2));
        DeploymentPlan plan = DeploymentPlanner.plan(root(V1), target, "p");

        assertThat(steps(plan)).containsExactly(
                List.of("StartApplication /api", "StartApplication /db", "StartApplication /top"),
                List.of("ScaleApplication /db"), List.of("ScaleApplication /api"), List.of("ScaleApplication /top"));
    }

    @Test
    void restartsFollowDependencyOrderAndUnchangedLayersLeaveNoStep() {
        RootGroup original = root(V1, app("/web", 2, "w1", V1, "/api"), app("/api", 2, "a", V1, "/db"),
                app("/db", 2, "d1", V1));
        RootGroup target = root(V2, app("/web", 2, "w2", V2, "/api"), app("/api", 2, "a", V1, "/db"),
                app("/db", 3, "d1", V2));
        DeploymentPlan plan = DeploymentPlanner.plan(original, target, "p");

        assertThat(steps(plan)).containsExactly(List.of("ScaleApplication /db"), List.of("RestartApplication /web"));
    }

    @Test
    void relativeDependenciesAreResolvedAgainstTheAppsGroup() {
        RootGroup target = root(V2, app("/prod/web", 1, "w", V2, "../db"), app("/db", 1, "d", V2));
        DeploymentPlan plan = DeploymentPlanner.plan(root(V1), target, "p");

        assertThat(steps(plan).subList(1, 3))
                .containsExactly(List.of("ScaleApplication /db"), List.of("ScaleApplication /prod/web"));
    }

    @Test
    void groupDependenciesOrderEveryAppOfBothGroups() {
        RootGroup target = root(V2, app("/front/web", 1, "w", V2), app("/front/admin", 1, "a", V2),
                app("/back/api", 1, "api", V2), app("/back/db", 1, "db", V2))
                .putGroup(new GroupSpec(PathId.of("/front"), List.of(PathId.of("/back")), null));
        DeploymentPlan plan = DeploymentPlanner.plan(root(V1), target, "p");

        assertThat(steps(plan).subList(1, 3)).containsExactly(
                List.of("ScaleApplication /back/api", "ScaleApplication /back/db"),
                List.of("ScaleApplication /front/admin", "ScaleApplication /front/web"));
    }

    @Test
    void removedAppsAreStoppedDependentsFirst() {
        RootGroup original = root(V1, app("/web", 1, "w", V1, "/api"), app("/api", 1, "a", V1, "/db"),
                app("/db", 1, "d", V1), app("/keep", 1, "k", V1));
        DeploymentPlan plan = DeploymentPlanner.plan(original, root(V2, app("/keep", 1, "k", V1)), "p");

        assertThat(steps(plan)).containsExactly(List.of("StopApplication /web"), List.of("StopApplication /api"),
                List.of("StopApplication /db"));
    }

    @Test
    void stopsComeBeforeStartsAndStartsBeforeScales() {
        DeploymentPlan plan = DeploymentPlanner.plan(root(V1, app("/old", 1, "o", V1), app("/same", 1, "s", V1)),
                root(V2, app("/new", 2, "n", V2), app("/same", 3, "s", V2)), "p");

        assertThat(steps(plan)).containsExactly(List.of("StopApplication /old"), List.of("StartApplication /new"),
                List.of("ScaleApplication /new", "ScaleApplication /same"));
    }

    @Test
    void cyclicDependenciesAreRejected() {
        RootGroup target = root(V2, app("/a", 1, "a", V2, "/b"), app("/b", 1, "b", V2, "/c"),
                app("/c", 1, "c", V2, "/a"));

        assertThatThrownBy(() -> DeploymentPlanner.plan(root(V1), target, "p"))
                .isInstanceOfSatisfying(MarathonFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(MarathonFailure.Kind.INVALID);
                    assertThat(failure.violations()).containsExactly(
                            new Violation("/", List.of("Dependency graph has cyclic dependencies.")));
                });
    }

    @Test
    void cycleThroughGroupDependenciesIsRejected() {
        RootGroup target = root(V2, app("/x/a", 1, "a", V2), app("/y/b", 1, "b", V2))
                .putGroup(new GroupSpec(PathId.of("/x"), List.of(PathId.of("/y")), null))
                .putGroup(new GroupSpec(PathId.of("/y"), List.of(PathId.of("/x")), null));

        assertThatThrownBy(() -> DeploymentPlanner.plan(root(V1), target, "p"))
                .isInstanceOfSatisfying(MarathonFailure.class,
                        failure -> assertThat(failure.kind()).isEqualTo(MarathonFailure.Kind.INVALID));
    }

    @Test
    void dependencyOnItselfIsNoCycle() {
        DeploymentPlan plan = DeploymentPlanner.plan(root(V1), root(V2, app("/a", 1, "a", V2, "/a")), "p");

        assertThat(steps(plan)).containsExactly(List.of("StartApplication /a"), List.of("ScaleApplication /a"));
    }

    @Test
    void sentencedInstancesRideOnTheScale() {
        App after = app("/a", 2, "sleep 1", V2);
        DeploymentPlan plan = DeploymentPlanner.plan(root(V1, app("/a", 3, "sleep 1", V1)), root(V2, after), "p",
                Map.of(PathId.of("/a"), List.of("a.instance-1")));

        assertThat(plan.steps()).extracting(DeploymentPlan.DeploymentStep::actions)
                .containsExactly(List.of(new ScaleApplication(after, 2, List.of("a.instance-1"))));
    }

    @Test
    void sentencedInstancesScaleAnAppWhoseCountDidNotChange() {
        App a = app("/a", 3, "sleep 1", V1);
        DeploymentPlan plan = DeploymentPlanner.plan(root(V1, a), root(V2, a), "p",
                Map.of(PathId.of("/a"), List.of("a.instance-1")));

        assertThat(plan.steps()).extracting(DeploymentPlan.DeploymentStep::actions)
                .containsExactly(List.of(new ScaleApplication(a, 3, List.of("a.instance-1"))));
    }

    @Test
    void affectedAppsCoverEveryAction() {
        DeploymentPlan plan = DeploymentPlanner.plan(root(V1, app("/old", 1, "o", V1)),
                root(V2, app("/new", 1, "n", V2)), "p");

        assertThat(plan.affectedApps()).containsExactly(PathId.of("/new"), PathId.of("/old"));
    }

    @Test
    void largeChainIsLayeredWithoutRecursion() {
        Map<PathId, App> apps = new HashMap<>();
        apps.put(PathId.of("/a0"), app("/a0", 1, "c", V2));
        for (int i = 1; i < 500; i++) {
            apps.put(PathId.of("/a" + i), app("/a" + i, 1, "c", V2, "/a" + (i - 1)));
        }
        DeploymentPlan plan = DeploymentPlanner.plan(root(V1), new RootGroup(V2, apps, Map.of()), "p");

        assertThat(plan.steps()).hasSize(501);
        assertThat(steps(plan).getLast()).isEqualTo(List.of("ScaleApplication /a499"));
        assertThat(steps(plan).get(1)).containsExactly("ScaleApplication /a0");
    }
}
