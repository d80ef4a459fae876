package io.mpaas.marathon.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpaas.marathon.app.AppNormalizer;
import io.mpaas.marathon.app.AppVersioning;
import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.deployment.DeploymentPlan;
import io.mpaas.marathon.event.EventBus;
import io.mpaas.marathon.event.EventSink;
import io.mpaas.marathon.instance.Condition;
import io.mpaas.marathon.instance.Instance;
import io.mpaas.marathon.instance.InstanceTracker;
import io.mpaas.marathon.instance.TaskFailures;
import io.mpaas.marathon.launch.LaunchDelays;
import io.mpaas.marathon.launch.LaunchQueue;
import io.mpaas.marathon.launch.OfferStats;
import io.mpaas.marathon.offer.OfferMatchSettings;
import io.mpaas.marathon.offer.OfferMatcher;
import io.mpaas.marathon.store.InMemoryDeploymentRepository;
import io.mpaas.marathon.store.InMemoryGroupRepository;
import io.mpaas.marathon.store.InMemoryInstanceRepository;
import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.Attribute;
import io.mpaas.protocol.mesos.AllocationInfo;
import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.Offer;
import io.mpaas.protocol.mesos.OfferId;
import io.mpaas.protocol.mesos.Resource;
import io.mpaas.protocol.mesos.Resources;
import io.mpaas.protocol.mesos.TaskId;
import io.mpaas.protocol.mesos.TaskInfo;
import io.mpaas.protocol.mesos.TaskState;
import io.mpaas.protocol.mesos.TaskStatus;
import io.mpaas.protocol.mesos.Url;
import io.mpaas.protocol.marathon.App;
import io.mpaas.testkit.time.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The scheduler core in one JVM: the real loop, state machine, launch queue, offer matcher,
 * deployment runner and scale check, on in-memory stores, a recording master and a mutable clock.
 * Each step waits for the loop with a round trip through it, never with a sleep.
 */
class SchedulerScenarioTest {

    private static final PathId WEB = PathId.of("/web");
    private static final AtomicInteger OFFER_IDS = new AtomicInteger();

    private final MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");
    private final RecordingMesos mesos = new RecordingMesos();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final InMemoryInstanceRepository instanceStore = new InMemoryInstanceRepository();
    private final InMemoryGroupRepository groupStore = new InMemoryGroupRepository();
    private final InstanceTracker tracker = new InstanceTracker();
    private final RootHolder root = new RootHolder();
    private final LaunchDelays delays = new LaunchDelays();
    private TaskFailures failures;
    private SchedulerLoop loop;
    private DeploymentRunner deployments;
    private OfferHandler offers;
    private StatusHandler statuses;
    private Reconciler reconciler;
    private SchedulerTimers timers;

    @BeforeEach
    void setUp() {
        EventSink sink = (type, json) -> events.add(type);
        EventBus bus = new EventBus(clock, List.of(sink));
        loop = new SchedulerLoop(instanceStore);
        OfferStats stats = new OfferStats();
        failures = new TaskFailures();
        InstanceUpdates updates = new InstanceUpdates(tracker, delays, failures, root, mesos, bus, clock);
        LaunchQueue queue = new LaunchQueue(tracker, root, delays, stats, clock);
        LaunchProperties properties = LaunchProperties.defaults();
        reconciler = new Reconciler(tracker, mesos, clock, properties.reconcileInterval());
        offers = new OfferHandler(tracker, updates, queue, new OfferMatcher(OfferMatchSettings.defaults(), clock),
                stats, mesos, properties, reconciler::ready, clock);
        statuses = new StatusHandler(tracker, updates, mesos, bus, clock);
        AppCommands commands = new AppCommands(tracker, updates, root, id -> true, delays, stats, failures, clock);
        deployments = new DeploymentRunner(loop, root, groupStore, new InMemoryDeploymentRepository(groupStore),
                commands, delays, failures, bus, () -> true, clock);
        timers = new SchedulerTimers(tracker, updates, delays, root, mesos, reconciler, properties,
                reconciler::ready, clock);
        loop.afterEachBatch(work -> {
            if (reconciler.ready()) {
                deployments.progress(work);
                commands.scaleCheck(work, work.touchedApps(), deployments.lockedApps());
                offers.reviveOrSuppress(work);
            }
        });
        loop.start();
        onLoop(work -> reconciler.start());
    }

    @AfterEach
    void tearDown() {
        loop.close();
    }

    private void onLoop(java.util.function.Consumer<UnitOfWork> job) {
        loop.call(work -> {
            job.accept(work);
            return null;
        });
        // A second round trip: the first batch's hooks and actions have run when this one is answered.
        loop.call(work -> null);
    }

    private DeploymentPlan deploy(App app) {
        DeploymentPlan plan = deployments.deploy((current, version) -> {
            App normalized = AppNormalizer.normalize(app, PathId.ROOT);
            App stamped = AppVersioning.stamp(current.app(WEB).orElse(null), normalized, version);
            return current.putApp(PathId.of(stamped.id()), stamped);
        }, false);
        loop.call(work -> null);
        return plan;
    }

    private static App web(int instances) {
        return App.withId("/web").toBuilder().cmd("sleep 1000").instances(instances).cpus(0.5).mem(64.0).build();
    }

    private static Offer offer(String agent) {
        List<Resource> resources = new ArrayList<>();
        for (Resource r : Resources.parse("cpus:4;mem:4096;disk:1000;ports:[31000-31100]").toList("*")) {
            resources.add(r.inFormat(false));
        }
        return new Offer(OfferId.of("offer-" + OFFER_IDS.incrementAndGet()), FrameworkId.of("marathon"),
                AgentId.of(agent), agent + ".example", Url.http(agent + ".example", "10.0.0.1", 5051, "/slave(1)"),
                null, resources, Attribute.parseAll(""), null, null, new AllocationInfo("*"));
    }

    private void status(TaskInfo task, TaskState state) {
        TaskStatus status = new TaskStatus(task.taskId(), state, "m", TaskStatus.Source.SOURCE_EXECUTOR, null, null,
                task.agentId(), null, 1.0, "dXVpZA==", null, null, null, null, null, null);
        onLoop(work -> {
            reconciler.observe(status);
            statuses.onUpdate(work, status);
        });
    }

    private List<Instance> instances(Condition condition) {
        return tracker.of(WEB).stream().filter(i -> i.condition() == condition).toList();
    }

    @Test
    void aNewAppIsScheduledLaunchedOnAnOfferAndItsDeploymentSucceedsWhenRunning() {
        DeploymentPlan plan = deploy(web(2));
        assertThat(plan.steps()).isNotEmpty();
        assertThat(instances(Condition.SCHEDULED)).hasSize(2);
        assertThat(mesos.offerCalls).contains("REVIVE");
        assertThat(instanceStore.all()).hasSize(2);

        onLoop(work -> offers.onOffers(work, List.of(offer("a1"))));
        assertThat(mesos.launched).hasSize(2);
        assertThat(instances(Condition.PROVISIONED)).hasSize(2);
        assertThat(deployments.running()).hasSize(1);

        mesos.launched.forEach(t -> status(t, TaskState.TASK_RUNNING));
        assertThat(instances(Condition.RUNNING)).hasSize(2);
        assertThat(deployments.running()).isEmpty();
        assertThat(mesos.acknowledged).hasSize(2);
        assertThat(events).contains("deployment_info", "status_update_event", "instance_changed_event",
                "deployment_success");
        assertThat(mesos.offerCalls.getLast()).isEqualTo("SUPPRESS");
    }

    @Test
    void aFailedInstanceIsReplacedAfterItsBackoff() {
        deploy(web(1));
        onLoop(work -> offers.onOffers(work, List.of(offer("a1"))));
        TaskInfo first = mesos.launched.getFirst();
        status(first, TaskState.TASK_RUNNING);

        status(first, TaskState.TASK_FAILED);
        assertThat(instances(Condition.SCHEDULED)).hasSize(1);
        assertThat(instanceStore.all()).extracting(Instance::condition).containsExactly(Condition.SCHEDULED);

        // The backoff (1 s after the first failure) holds the replacement back.
        onLoop(work -> offers.onOffers(work, List.of(offer("a1"))));
        assertThat(mesos.launched).hasSize(1);
        clock.advance(Duration.ofSeconds(2));
        onLoop(work -> offers.onOffers(work, List.of(offer("a1"))));
        assertThat(mesos.launched).hasSize(2);
        assertThat(mesos.launched.get(1).taskId()).isNotEqualTo(first.taskId());
    }

    @Test
    void scalingDownKillsTheYoungestAndForgetsThemWhenMesosConfirms() {
        deploy(web(3));
        onLoop(work -> offers.onOffers(work, List.of(offer("a1"))));
        for (TaskInfo task : mesos.launched) {
            clock.advance(Duration.ofSeconds(1));
            status(task, TaskState.TASK_RUNNING);
        }
        deploy(web(1));
        assertThat(mesos.killed).hasSize(2);
        TaskInfo oldest = mesos.launched.getFirst();
        assertThat(mesos.killed).doesNotContain(oldest.taskId().value());
        mesos.launched.stream().filter(t -> mesos.killed.contains(t.taskId().value()))
                .forEach(t -> status(t, TaskState.TASK_KILLED));
        assertThat(tracker.of(WEB)).hasSize(1);
        assertThat(deployments.running()).isEmpty();
    }

    @Test
    void aTaskMarathonDoesNotKnowIsKilled() {
        TaskStatus stray = new TaskStatus(new TaskId("gone_app.instance-x._app.1"), TaskState.TASK_RUNNING, null,
                TaskStatus.Source.SOURCE_MASTER, null, null, new AgentId("a9"), null, 1.0, null, null, null, null,
                null, null, null);
        onLoop(work -> statuses.onUpdate(work, stray));
        assertThat(mesos.killed).containsExactly("gone_app.instance-x._app.1");
    }

    @Test
    void aLaunchThatNeverRunsIsKilledAfterTheLaunchTimeout() {
        deploy(web(1));
        onLoop(work -> offers.onOffers(work, List.of(offer("a1"))));
        clock.advance(Duration.ofMinutes(6));
        onLoop(timers::tick);
        assertThat(mesos.killed).containsExactly(mesos.launched.getFirst().taskId().value());
    }

    @Test
    void aSecondChangeWhileTheFirstDeploysIsRefusedUnlessForced() {
        deploy(web(2));
        try {
            deploy(web(3));
            org.junit.jupiter.api.Assertions.fail("expected a lock");
        } catch (io.mpaas.marathon.MarathonFailure e) {
            assertThat(e.kind()).isEqualTo(io.mpaas.marathon.MarathonFailure.Kind.LOCKED);
            assertThat(e.deploymentIds()).hasSize(1);
        }
        DeploymentPlan forced = deployments.deploy((current, version) -> current.putApp(WEB,
                AppVersioning.stamp(current.app(WEB).orElse(null), AppNormalizer.normalize(web(3), PathId.ROOT),
                        version)), true);
        loop.call(work -> null);
        assertThat(deployments.running()).extracting(s -> s.plan().id()).containsExactly(forced.id());
        assertThat(instances(Condition.SCHEDULED)).hasSize(3);
    }

    @Test
    void nothingLaunchesBeforeTheExplicitReconciliationIsAnswered() {
        deploy(web(1));
        onLoop(work -> offers.onOffers(work, List.of(offer("a1"))));
        TaskInfo task = mesos.launched.getFirst();
        // A new term: the known task is reconciled explicitly first.
        onLoop(work -> {
            reconciler.reset();
            reconciler.start();
        });
        assertThat(reconciler.ready()).isFalse();
        assertThat(mesos.reconciled.getLast()).extracting(MesosCallsRef::taskId)
                .containsExactly(task.taskId().value());
        onLoop(work -> offers.onOffers(work, List.of(offer("a1"))));
        assertThat(mesos.launched).hasSize(1);
        status(task, TaskState.TASK_RUNNING);
        assertThat(reconciler.ready()).isTrue();
        assertThat(mesos.reconciled.getLast()).isEmpty();
    }

    /** Reads the task id of a reconciliation entry. */
    private interface MesosCallsRef {
        static String taskId(io.mpaas.marathon.framework.MesosCalls.TaskRef ref) {
            return ref.taskId();
        }
    }
}
