package io.mpaas.marathon.deployment;

import static io.mpaas.marathon.instance.Condition.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mpaas.marathon.app.MarathonTime;
import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.deployment.DeploymentAction.RestartApplication;
import io.mpaas.marathon.deployment.DeploymentAction.ScaleApplication;
import io.mpaas.marathon.deployment.DeploymentAction.StartApplication;
import io.mpaas.marathon.deployment.DeploymentAction.StopApplication;
import io.mpaas.marathon.deployment.DeploymentStepper.Command;
import io.mpaas.marathon.deployment.DeploymentStepper.KillInstances;
import io.mpaas.marathon.deployment.DeploymentStepper.Progress;
import io.mpaas.marathon.deployment.DeploymentStepper.ScheduleInstances;
import io.mpaas.marathon.instance.AgentInfo;
import io.mpaas.marathon.instance.Condition;
import io.mpaas.marathon.instance.Goal;
import io.mpaas.marathon.instance.Instance;
import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.HealthCheck;
import io.mpaas.protocol.marathon.ReadinessCheck;
import io.mpaas.protocol.marathon.UpgradeStrategy;
import io.mpaas.protocol.marathon.VersionInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeploymentStepperTest {

    static final PathId A = PathId.of("/a");
    static final Instant V1 = Instant.parse("2024-01-01T00:00:00Z");
    static final Instant V2 = Instant.parse("2024-01-02T00:00:00Z");
    static final Instant NOW = Instant.parse("2024-02-01T00:00:00Z");
    static final Predicate<String> ALL_READY = id -> true;

    static App app(int instances, Instant version) {
        return new App.Builder().id("/a").instances(instances).cmd("sleep " + version.getEpochSecond())
                .version(MarathonTime.format(version)).build();
    }

    /**
     * The app's instances as the scheduler would record them: commands are applied the way the
     * contract says, and tests move conditions along by hand.
     */
    static final class Instances {
        final List<Instance> all = new ArrayList<>();
        int started;

        Instances add(Instant version, Condition condition, int count) {
            return add(version, version, condition, count);
        }

        /** Instances of {@code version}, whose configuration last changed at {@code config}. */
        Instances add(Instant version, Instant config, Condition condition, int count) {
            for (int i = 0; i < count; i++) {
                Instance scheduled = Instance.scheduled(A, version, config, NOW);
                all.add(condition == SCHEDULED ? scheduled : launch(scheduled, condition));
            }
            return this;
        }

        Instance launch(Instance scheduled, Condition condition) {
            started++;
            Instant at = NOW.plusSeconds(started);
            return scheduled.provisioned(scheduled.instanceId() + "._app.1", 1,
                    AgentInfo.plain("agent", "host-" + (started % 3)), List.of(), List.of(), null, at)
                    .withStatus(condition, at, condition == RUNNING ? at : null, null, List.of(), null, null);
        }

        void apply(List<Command> commands) {
            for (Command command : commands) {
                switch (command) {
                    case ScheduleInstances s -> {
                        assertThat(s.appId()).isEqualTo(A);
                        add(s.version(), s.configVersion(), SCHEDULED, s.count());
                    }
                    case KillInstances k -> all.replaceAll(i -> !k.instanceIds().contains(i.instanceId()) ? i
                            : i.isActive() ? i.withGoal(Goal.DECOMMISSIONED).withCondition(KILLING, NOW)
                                    : i.withGoal(Goal.DECOMMISSIONED));
                }
            }
        }

        /** Moves the instance with this id to {@code condition}. */
        void set(String instanceId, Condition condition) {
            all.replaceAll(i -> !i.instanceId().equals(instanceId) ? i
                    : i.condition() == SCHEDULED ? launch(i, condition)
                            : i.withStatus(condition, NOW, condition == RUNNING ? NOW : i.startedAt(), i.healthy(),
                                    List.of(), null, null));
        }

        void setAll(Predicate<Instance> which, Condition condition) {
            all.stream().filter(which).map(Instance::instanceId).toList().forEach(id -> set(id, condition));
        }

        List<String> ids(Predicate<Instance> which) {
            return all.stream().filter(which).map(Instance::instanceId).toList();
        }

        /** Decides and carries the commands out; deciding again on the result must give nothing more. */
        Progress step(DeploymentAction action, Predicate<String> ready) {
            Progress progress = DeploymentStepper.decide(action, all, ready);
            apply(progress.commands());
            Progress again = DeploymentStepper.decide(action, all, ready);
            assertThat(again.commands()).as("commands on the recorded state").isEmpty();
            return progress;
        }
    }

    static Predicate<Instance> version(Instant version) {
        return i -> i.runSpecVersion().equals(version);
    }

    static Predicate<Instance> goal(Goal goal) {
        return i -> i.goal() == goal;
    }

    @Test
    void startIsCompleteAtOnce() {
        assertThat(DeploymentStepper.decide(new StartApplication(app(3, V1)), List.of(), ALL_READY))
                .isEqualTo(new Progress(List.of(), true));
    }

    @Test
    void stopKillsEveryInstanceAndCompletesWhenAllEnded() {
        Instances world = new Instances().add(V1, RUNNING, 2).add(V1, STAGING, 1).add(V1, SCHEDULED, 1);
        StopApplication stop = new StopApplication(app(4, V1));
        List<String> all = world.ids(i -> true);

        Progress first = world.step(stop, ALL_READY);
        assertThat(first).isEqualTo(new Progress(List.of(new KillInstances(A, all)), false));

        world.set(all.get(0), KILLED);
        world.set(all.get(1), KILLED);
        assertThat(world.step(stop, ALL_READY)).isEqualTo(new Progress(List.of(), false));

        world.set(all.get(2), FAILED);
        assertThat(world.step(stop, ALL_READY)).isEqualTo(new Progress(List.of(), true));
    }

    @Test
    void stopOfAnAppWithoutInstancesIsComplete() {
        assertThat(DeploymentStepper.decide(new StopApplication(app(1, V1)), List.of(), ALL_READY))
                .isEqualTo(new Progress(List.of(), true));
    }

    @Test
    void stopDoesNotWaitForUnreachableInstances() {
        Instances world = new Instances().add(V1, UNREACHABLE, 1);
        StopApplication stop = new StopApplication(app(1, V1));

        assertThat(world.step(stop, ALL_READY).complete()).isFalse();
        assertThat(world.all.getFirst().goal()).isEqualTo(Goal.DECOMMISSIONED);
        world.set(world.all.getFirst().instanceId(), UNREACHABLE);
        assertThat(world.step(stop, ALL_READY)).isEqualTo(new Progress(List.of(), true));
    }

    @Test
    void instancesOfOtherAppsAreIgnored() {
        Instance other = Instance.scheduled(PathId.of("/b"), V1, NOW);

        assertThat(DeploymentStepper.decide(new StopApplication(app(1, V1)), List.of(other), ALL_READY))
                .isEqualTo(new Progress(List.of(), true));
    }

    @Test
    void scaleUpSchedulesTheMissingInstancesAndCompletesWhenTheyRun() {
        Instances world = new Instances().add(V1, RUNNING, 1);
        ScaleApplication scale = new ScaleApplication(app(3, V2), 3, List.of());

        assertThat(world.step(scale, ALL_READY))
                .isEqualTo(new Progress(List.of(new ScheduleInstances(A, V2, V2, 2)), false));

        List<String> fresh = world.ids(version(V2));
        world.set(fresh.get(0), STAGING);
        world.set(fresh.get(1), RUNNING);
        assertThat(world.step(scale, ALL_READY)).isEqualTo(new Progress(List.of(), false));

        world.set(fresh.get(0), RUNNING);
        assertThat(world.step(scale, ALL_READY)).isEqualTo(new Progress(List.of(), true));
    }

    @Test
    void scaleOfAnAppWithHealthChecksWaitsForHealth() {
        App app = app(1, V1).toBuilder().healthChecks(List.of(new HealthCheck("MESOS_TCP", null, 0, null, null, 0,
                10, 5, 3, null, null, null))).build();
        Instances world = new Instances();
        ScaleApplication scale = new ScaleApplication(app, 1, List.of());

        world.step(scale, ALL_READY);
        String id = world.all.getFirst().instanceId();
        world.set(id, RUNNING);
        assertThat(world.step(scale, ALL_READY).complete()).isFalse();

        world.all.replaceAll(i -> i.withStatus(RUNNING, NOW, NOW, true, List.of(), null, null));
        assertThat(world.step(scale, ALL_READY).complete()).isTrue();
    }

    @Test
    void scaleOfAnAppWithReadinessChecksWaitsForNewInstancesToBeReady() {
        App app = app(2, V2).toBuilder().readinessChecks(List.of(new ReadinessCheck("ready", "HTTP", "/ready",
                "http", 30, 10, List.of(200), false))).build();
        Instances world = new Instances().add(V1, RUNNING, 1);
        ScaleApplication scale = new ScaleApplication(app, 2, List.of());

        world.step(scale, ALL_READY);
        String fresh = world.ids(version(V2)).getFirst();
        world.set(fresh, RUNNING);
        // The instance of the earlier version is not asked about: it was judged when it was deployed.
        assertThat(world.step(scale, id -> false).complete()).isFalse();
        assertThat(world.step(scale, fresh::equals).complete()).isTrue();
    }

    @Test
    void scaleDownKillsTheSentencedAndWaitsForTheKills() {
        Instances world = new Instances().add(V1, RUNNING, 3);
        String sentenced = world.all.getFirst().instanceId();
        ScaleApplication scale = new ScaleApplication(app(2, V2), 2, List.of(sentenced));

        assertThat(world.step(scale, ALL_READY))
                .isEqualTo(new Progress(List.of(new KillInstances(A, List.of(sentenced))), false));
        assertThat(world.step(scale, ALL_READY)).isEqualTo(new Progress(List.of(), false));

        world.set(sentenced, KILLED);
        assertThat(world.step(scale, ALL_READY)).isEqualTo(new Progress(List.of(), true));
    }

    @Test
    void scaleReplacesUnreachableInactiveInstances() {
        Instances world = new Instances().add(V1, RUNNING, 1).add(V1, UNREACHABLE_INACTIVE, 1);
        ScaleApplication scale = new ScaleApplication(app(2, V2), 2, List.of());

        assertThat(world.step(scale, ALL_READY))
                .isEqualTo(new Progress(List.of(new ScheduleInstances(A, V2, V2, 1)), false));
        world.setAll(version(V2), RUNNING);
        assertThat(world.step(scale, ALL_READY).complete()).isTrue();
    }

    /** The app at {@code version}, a scale of the configuration that last changed at {@code config}. */
    static App scaledApp(int instances, Instant version, Instant config) {
        return app(instances, config).toBuilder().version(MarathonTime.format(version))
                .versionInfo(new VersionInfo(MarathonTime.format(version), MarathonTime.format(config))).build();
    }

    @Test
    void scaleSchedulesInstancesOfTheAppsVersionAndConfiguration() {
        Instances world = new Instances().add(V1, RUNNING, 1);
        ScaleApplication scale = new ScaleApplication(scaledApp(2, V2, V1), 2, List.of());

        assertThat(world.step(scale, ALL_READY))
                .isEqualTo(new Progress(List.of(new ScheduleInstances(A, V2, V1, 1)), false));
        assertThat(world.all).filteredOn(version(V2)).singleElement()
                .satisfies(i -> assertThat(i.configVersion()).isEqualTo(V1));
    }

    @Test
    void scaleDownTakesTheScheduledInstanceOfAnEarlierVersionFirst() {
        Instances world = new Instances().add(V1, RUNNING, 2).add(V1, SCHEDULED, 1);
        String waiting = world.ids(i -> i.condition() == SCHEDULED).getFirst();
        ScaleApplication scale = new ScaleApplication(scaledApp(2, V2, V1), 2, List.of());

        assertThat(world.step(scale, ALL_READY))
                .isEqualTo(new Progress(List.of(new KillInstances(A, List.of(waiting))), false));
        assertThat(world.step(scale, ALL_READY)).isEqualTo(new Progress(List.of(), true));
    }

    @Test
    void restartKeepsEveryInstanceOfTheTargetConfigurationWhateverItsVersion() {
        // Rolled back to V2, a scale of V1's configuration: instances of V1 and of the scale are both current.
        Instant abandoned = V2.plusSeconds(60);
        Instances world = new Instances().add(V1, RUNNING, 1).add(V2, V1, RUNNING, 1)
                .add(abandoned, RUNNING, 1);
        RestartApplication restart = new RestartApplication(scaledApp(2, V2, V1));

        assertThat(world.step(restart, ALL_READY)).isEqualTo(new Progress(
                List.of(new KillInstances(A, world.ids(version(abandoned)))), false));
        world.setAll(version(abandoned), KILLED);
        assertThat(world.step(restart, ALL_READY)).isEqualTo(new Progress(List.of(), true));
    }

    @Test
    void scaleWithoutVersionIsRefused() {
        App app = app(1, V1).toBuilder().version(null).build();

        assertThatThrownBy(() -> DeploymentStepper.decide(new ScaleApplication(app, 1, List.of()), List.of(),
                ALL_READY)).isInstanceOf(IllegalArgumentException.class).hasMessage("app /a has no version");
    }

    @Test
    void restartWithDefaultStrategyStartsAllNewThenKillsOldOnePerHealthyNewOne() {
        Instances world = new Instances().add(V1, RUNNING, 2);
        RestartApplication restart = new RestartApplication(app(2, V2));
        List<String> old = world.ids(version(V1));

        assertThat(world.step(restart, ALL_READY))
                .isEqualTo(new Progress(List.of(new ScheduleInstances(A, V2, V2, 2)), false));
        List<String> fresh = world.ids(version(V2));

        world.set(fresh.get(0), RUNNING);
        // Kill order among running: the youngest old one goes first.
        assertThat(world.step(restart, ALL_READY))
                .isEqualTo(new Progress(List.of(new KillInstances(A, List.of(old.get(1)))), false));

        world.set(fresh.get(1), RUNNING);
        assertThat(world.step(restart, ALL_READY))
                .isEqualTo(new Progress(List.of(new KillInstances(A, List.of(old.get(0)))), false));

        world.set(old.get(0), KILLED);
        assertThat(world.step(restart, ALL_READY)).isEqualTo(new Progress(List.of(), false));
        world.set(old.get(1), KILLED);
        assertThat(world.step(restart, ALL_READY)).isEqualTo(new Progress(List.of(), true));
    }

    @Test
    void restartWaitsForReadinessBeforeKillingOld() {
        App app = app(1, V2).toBuilder().readinessChecks(List.of(new ReadinessCheck("ready", "HTTP", "/ready",
                "http", 30, 10, List.of(200), false))).build();
        Instances world = new Instances().add(V1, RUNNING, 1);
        RestartApplication restart = new RestartApplication(app);

        world.step(restart, ALL_READY);
        world.setAll(version(V2), RUNNING);
        assertThat(world.step(restart, id -> false).commands()).isEmpty();
        assertThat(world.step(restart, ALL_READY).commands())
                .containsExactly(new KillInstances(A, world.ids(version(V1))));
    }

    @Test
    void restartKillsUnhealthyOldInstancesFirst() {
        App app = app(4, V2).toBuilder().upgradeStrategy(new UpgradeStrategy(0.5, 0.0))
                .healthChecks(List.of(new HealthCheck("MESOS_HTTP", "/", 0, null, null, 0, 10, 5, 3, null, null,
                        null))).build();
        Instances world = new Instances().add(V1, RUNNING, 4);
        world.all.replaceAll(i -> i.withStatus(RUNNING, NOW, i.startedAt(), true, List.of(), null, null));
        String sick = world.all.get(1).instanceId();
        world.all.replaceAll(i -> i.instanceId().equals(sick)
                ? i.withStatus(RUNNING, NOW, i.startedAt(), false, List.of(), null, null) : i);

        Progress progress = world.step(new RestartApplication(app), ALL_READY);

        assertThat(progress.commands()).hasSize(1);
        assertThat(((KillInstances) progress.commands().getFirst()).instanceIds()).hasSize(2).first().isEqualTo(sick);
    }

    @Test
    void restartDecommissionsOldInstancesThatServeNothingAtOnce() {
        // Full health required: no running old instance may go yet, but the ended and the queued ones may.
        Instances world = new Instances().add(V1, RUNNING, 1).add(V1, FAILED, 1).add(V1, SCHEDULED, 1)
                .add(V1, UNREACHABLE_INACTIVE, 1);
        List<String> idle = world.ids(i -> i.condition() != RUNNING);

        Progress progress = world.step(new RestartApplication(app(4, V2)), ALL_READY);

        assertThat(progress.commands()).containsExactly(new KillInstances(A, idle),
                new ScheduleInstances(A, V2, V2, 4));
    }

    @Test
    void restartKillsNewInstancesBeyondTheTarget() {
        Instances world = new Instances().add(V2, RUNNING, 3);
        String youngest = world.all.getLast().instanceId();
        RestartApplication restart = new RestartApplication(app(2, V2));

        assertThat(world.step(restart, ALL_READY))
                .isEqualTo(new Progress(List.of(new KillInstances(A, List.of(youngest))), false));
        world.set(youngest, KILLED);
        assertThat(world.step(restart, ALL_READY)).isEqualTo(new Progress(List.of(), true));
    }

    @Test
    void restartWaitsForNewInstancesThatFailedToBeRelaunched() {
        Instances world = new Instances().add(V2, RUNNING, 1).add(V2, FAILED, 1);
        RestartApplication restart = new RestartApplication(app(2, V2));

        // The failed instance still has goal Running: the launch queue relaunches it, nothing is added.
        assertThat(world.step(restart, ALL_READY)).isEqualTo(new Progress(List.of(), false));
    }

    /**
     * Runs restarts to the end against a simulated cluster that moves one instance per round, and
     * checks Marathon's guarantees after every round: health never drops below minHealthy through a
     * kill, capacity stays within maxCapacity (+1), commands are never issued twice.
     */
    @ParameterizedTest(name = "n={0} min={1} over={2} newest first={3}")
    @CsvSource({
            "1, 1.0, 1.0, false", "3, 1.0, 1.0, false", "3, 1.0, 1.0, true", "4, 0.5, 0.0, false",
            "4, 0.5, 0.0, true", "3, 1.0, 0.0, false", "3, 1.0, 0.0, true", "5, 0.0, 0.0, false",
            "10, 0.6, 0.2, false", "10, 0.6, 0.2, true", "4, 0.75, 0.25, true", "1, 1.0, 0.0, false",
            "2, 0.0, 1.0, true", "7, 0.3, 0.5, false"})
    void restartCompletesWithinTheUpgradeStrategy(int n, double min, double over, boolean newestFirst) {
        App app = app(n, V2).toBuilder().upgradeStrategy(new UpgradeStrategy(min, over)).build();
        RestartApplication restart = new RestartApplication(app);
        RestartBudget budget = RestartBudget.of(app);
        int capacity = budget.maxCapacity() + (budget.minHealthy() == budget.maxCapacity() ? 1 : 0);
        Instances world = new Instances().add(V1, RUNNING, n);

        int rounds = 0;
        while (!world.step(restart, ALL_READY).complete()) {
            long serving = world.all.stream().filter(i -> i.goal() == Goal.RUNNING && i.condition() == RUNNING)
                    .count();
            long occupying = world.all.stream().filter(i -> i.goal() == Goal.RUNNING || i.isActive()).count();
            assertThat(serving).as("serving after round %d", rounds).isGreaterThanOrEqualTo(budget.minHealthy());
            assertThat(occupying).as("occupying after round %d", rounds).isLessThanOrEqualTo(capacity);
            advanceOne(world, newestFirst);
            assertThat(++rounds).as("rounds").isLessThan(20 * n + 20);
        }
        assertThat(world.all.stream().filter(goal(Goal.RUNNING))).hasSize(n)
                .allMatch(i -> i.runSpecVersion().equals(V2) && i.condition() == RUNNING);
        assertThat(world.all.stream().filter(goal(Goal.DECOMMISSIONED))).allMatch(i -> i.condition().isTerminal());
    }

    /** One thing happens in the cluster: a kill is confirmed, a killed instance expunged, or a launch progresses. */
    private static void advanceOne(Instances world, boolean newestFirst) {
        List<Instance> order = new ArrayList<>(world.all);
        if (newestFirst) {
            order = order.reversed();
        }
        for (Instance i : order) {
            if (i.goal() == Goal.DECOMMISSIONED) {
                if (i.isActive()) {
                    world.set(i.instanceId(), KILLED);
                } else {
                    world.all.remove(i);
                }
                return;
            }
            if (i.condition() == SCHEDULED || i.condition() == STAGING) {
                world.set(i.instanceId(), i.condition() == SCHEDULED ? STAGING : RUNNING);
                return;
            }
        }
        Set<Condition> conditions = new HashSet<>();
        world.all.forEach(i -> conditions.add(i.condition()));
        throw new AssertionError("nothing left to happen but the restart is not complete: " + conditions);
    }
}
