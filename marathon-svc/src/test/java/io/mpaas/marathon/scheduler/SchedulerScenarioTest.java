package io.mpaas.marathon.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import io.mpaas.marathon.launch.QueueController;
import io.mpaas.marathon.offer.OfferMatchSettings;
import io.mpaas.marathon.offer.OfferMatcher;
import io.mpaas.marathon.store.InMemoryDeploymentRepository;
import io.mpaas.marathon.store.InMemoryGroupRepository;
import io.mpaas.marathon.store.InMemoryInstanceRepository;
import io.mpaas.marathon.store.InMemoryLaunchDelayRepository;
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
import io.mpaas.protocol.marathon.MarathonJson;
import io.mpaas.testkit.time.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The scheduler core in one JVM: the real loop, state machine, launch queue, offer matcher,
 * deployment runner and scale check, on in-memory stores, a recording master and a mutable clock.
 * Each step waits for the loop with a round trip through it, never with a sleep. A failover is a
 * second core built on the same stores, elected as {@link SchedulerTerm} does it.
 */
class SchedulerScenarioTest {

    private static final PathId WEB = PathId.of("/web");
    private static final AtomicInteger OFFER_IDS = new AtomicInteger();

    private final MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");
    private final RecordingMesos mesos = new RecordingMesos();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final InMemoryInstanceRepository instanceStore = new InMemoryInstanceRepository();
    private final InMemoryGroupRepository groupStore = new InMemoryGroupRepository();
    private final InMemoryDeploymentRepository deploymentStore = new InMemoryDeploymentRepository(groupStore);
    private final InMemoryLaunchDelayRepository delayStore = new InMemoryLaunchDelayRepository();
    // One leader's core; replaced by a failover.
    private InstanceTracker tracker;
    private RootHolder root;
    private LaunchDelays delays;
    private TaskFailures failures;
    private SchedulerLoop loop;
    private DeploymentRunner deployments;
    private OfferHandler offers;
    private StatusHandler statuses;
    private Reconciler reconciler;
    private SchedulerTimers timers;
    private QueueController queue;

    @BeforeEach
    void setUp() {
        lead();
    }

    /** Builds a scheduler core on the stores and elects it: loads what the stores hold, then reconciles. */
    private void lead() {
        tracker = new InstanceTracker();
        root = new RootHolder();
        delays = new LaunchDelays(delayStore);
        EventSink sink = (type, json) -> events.add(type);
        EventBus bus = new EventBus(clock, List.of(sink));
        loop = new SchedulerLoop(instanceStore, delays);
        OfferStats stats = new OfferStats();
        failures = new TaskFailures();
        InstanceUpdates updates = new InstanceUpdates(tracker, delays, failures, root, mesos, bus, clock);
        LaunchQueue launchQueue = new LaunchQueue(tracker, root, delays, stats, clock);
        queue = new QueueController(launchQueue, clock);
        LaunchProperties properties = LaunchProperties.defaults();
        reconciler = new Reconciler(tracker, mesos, clock, properties.reconcileInterval());
        offers = new OfferHandler(tracker, updates, launchQueue,
                new OfferMatcher(OfferMatchSettings.defaults(), clock), stats, mesos, properties, reconciler::ready,
                clock);
        statuses = new StatusHandler(tracker, updates, mesos, bus, clock);
        AppCommands commands = new AppCommands(tracker, updates, root, id -> true, delays, stats, failures, clock);
        deployments = new DeploymentRunner(loop, root, groupStore, deploymentStore, commands, delays, failures, bus,
                () -> true, clock);
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
        onLoop(work -> {
            tracker.load(instanceStore.all());
            delays.load();
            deployments.load(work);
            reconciler.start();
        });
    }

    /** The leader goes away; a new one is elected on the same stores (and the same master). */
    private void failover() {
        loop.close();
        lead();
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
        return offer(agent, "");
    }

    /** An offer of the agent's whole capacity; {@code attributes} in Mesos notation ({@code rack:r1}). */
    private static Offer offer(String agent, String attributes) {
        List<Resource> resources = new ArrayList<>();
        for (Resource r : Resources.parse("cpus:4;mem:4096;disk:1000;ports:[31000-31100]").toList("*")) {
            resources.add(r.inFormat(false));
        }
        return new Offer(OfferId.of("offer-" + OFFER_IDS.incrementAndGet()), FrameworkId.of("marathon"),
                AgentId.of(agent), agent + ".example", Url.http(agent + ".example", "10.0.0.1", 5051, "/slave(1)"),
                null, resources, Attribute.parseAll(attributes), null, null, new AllocationInfo("*"));
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

    /**
     * With a decide interval, status updates that come within it after a decision do not decide the
     * deployment again at once; the first batch after the interval does (the scheduler loop reads the
     * app's instances once per interval, not once per update).
     */
    @Test
    void statusUpdatesWithinTheDecideIntervalAreDecidedWhenItEnds() {
        deployments.decideAtMostEvery(Duration.ofMillis(200));
        deploy(web(2));
        onLoop(work -> offers.onOffers(work, List.of(offer("a1"))));
        assertThat(mesos.launched).hasSize(2);

        mesos.launched.forEach(t -> status(t, TaskState.TASK_RUNNING));
        assertThat(instances(Condition.RUNNING)).hasSize(2);
        assertThat(deployments.running()).as("decided again only after the interval").hasSize(1);

        clock.advance(Duration.ofMillis(199));
        onLoop(work -> { });
        assertThat(deployments.running()).hasSize(1);

        clock.advance(Duration.ofMillis(1));
        onLoop(work -> { });
        assertThat(deployments.running()).isEmpty();
        assertThat(events).contains("deployment_success");
    }

    @Test
    void aNegativeDecideIntervalIsRefused() {
        assertThatThrownBy(() -> deployments.decideAtMostEvery(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
    }

    @Test
    void waitingInstancesThatGetNoOfferReviveAgainEveryFiveSeconds() {
        deploy(web(2));
        assertThat(mesos.offerCalls.getLast()).isEqualTo("REVIVE");
        mesos.offerCalls.clear();

        clock.advance(Duration.ofSeconds(4));
        onLoop(work -> { });
        assertThat(mesos.offerCalls).as("not yet").isEmpty();

        clock.advance(Duration.ofSeconds(1));
        onLoop(work -> { });
        assertThat(mesos.offerCalls).as("the first REVIVE may have been lost").containsExactly("REVIVE");

        onLoop(work -> offers.onOffers(work, List.of()));
        clock.advance(Duration.ofSeconds(4));
        onLoop(work -> { });
        assertThat(mesos.offerCalls).as("offers arrive: no need").containsExactly("REVIVE");
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

    /** {@code /v2/queue}'s item of the app as the API shows it. */
    private JsonNode queueItem(PathId appId) {
        JsonNode body = MarathonJson.mapper().readTree(queue.list(null).getBody());
        for (JsonNode item : body.get("queue")) {
            if (item.get("app").get("id").asString().equals(appId.toString())) {
                return item;
            }
        }
        throw new AssertionError(appId + " is not in the queue: " + body);
    }

    @Test
    void aCrashLoopingAppStaysHeldBackAcrossAFailoverAndItsDelayGoesOnGrowing() {
        deploy(web(1).toBuilder().backoffSeconds(10).backoffFactor(2.0).maxLaunchDelaySeconds(300).build());
        onLoop(work -> offers.onOffers(work, List.of(offer("a1"))));
        status(mesos.launched.getLast(), TaskState.TASK_FAILED);
        clock.advance(Duration.ofSeconds(11));
        onLoop(work -> offers.onOffers(work, List.of(offer("a1"))));
        status(mesos.launched.getLast(), TaskState.TASK_FAILED);
        clock.advance(Duration.ofSeconds(5));
        // The second failure doubled the delay: 20 s from the failure, 15 s from now.
        JsonNode before = queueItem(WEB);
        assertThat(before.get("delay").toString()).isEqualTo("{\"timeLeftSeconds\":15,\"overdue\":false}");

        failover();

        assertThat(queueItem(WEB).get("delay")).isEqualTo(before.get("delay"));
        assertThat(queueItem(WEB).get("count")).isEqualTo(before.get("count"));
        onLoop(work -> offers.onOffers(work, List.of(offer("a1"))));
        assertThat(mesos.launched).as("held back by the delay the old leader set").hasSize(2);
        clock.advance(Duration.ofSeconds(16));
        assertThat(queueItem(WEB).get("delay").get("overdue").asBoolean()).isTrue();
        onLoop(work -> offers.onOffers(work, List.of(offer("a1"))));
        assertThat(mesos.launched).hasSize(3);
        // One more failure: 40 s, grown from the loaded 20 s rather than started over at 10 s.
        status(mesos.launched.getLast(), TaskState.TASK_FAILED);
        assertThat(queueItem(WEB).get("delay").get("timeLeftSeconds").asInt()).isEqualTo(40);
    }

    @Test
    void aResetDelayStaysResetAcrossAFailover() {
        deploy(web(1).toBuilder().backoffSeconds(60).build());
        onLoop(work -> offers.onOffers(work, List.of(offer("a1"))));
        status(mesos.launched.getLast(), TaskState.TASK_FAILED);
        assertThat(queueItem(WEB).get("delay").get("overdue").asBoolean()).isFalse();

        assertThat(queue.resetDelay("/web").getStatusCode().value()).isEqualTo(204);
        failover();

        assertThat(queueItem(WEB).get("delay").get("overdue").asBoolean()).isTrue();
        onLoop(work -> offers.onOffers(work, List.of(offer("a1"))));
        assertThat(mesos.launched).hasSize(2);
    }

    @Test
    void aNewLeaderKnowsTheRackOfEveryRunningInstanceBeforeItsAgentOffersAgain() {
        deploy(web(2).toBuilder().constraints(List.of(List.of("rack", "UNIQUE"))).build());
        onLoop(work -> offers.onOffers(work, List.of(offer("a1", "rack:r1"))));
        assertThat(mesos.launched).as("UNIQUE: one per rack").hasSize(1);
        TaskInfo first = mesos.launched.getFirst();
        status(first, TaskState.TASK_RUNNING);

        failover();
        // The master answers the explicit reconciliation; agent a1 has nothing left to offer.
        status(first, TaskState.TASK_RUNNING);
        assertThat(reconciler.ready()).isTrue();

        onLoop(work -> offers.onOffers(work, List.of(offer("a2", "rack:r1"))));
        assertThat(mesos.launched).as("rack r1 is taken by the instance on a1").hasSize(1);
        assertThat(queueItem(WEB).get("processedOffersSummary").get("rejectSummaryLastOffers").toString())
                .contains("{\"reason\":\"UnfulfilledConstraint\",\"declined\":1,\"processed\":1}");
        onLoop(work -> offers.onOffers(work, List.of(offer("a3", "rack:r2"))));
        assertThat(mesos.launched).hasSize(2);
        assertThat(mesos.launched.getLast().agentId().value()).isEqualTo("a3");
    }

    /** An app whose failures back off for 10 s (then 20 s), long enough to scale it while a replacement waits. */
    private static App crashing(int instances) {
        return web(instances).toBuilder().backoffSeconds(10).backoffFactor(2.0).build();
    }

    private App current() {
        return root.get().app(WEB).orElseThrow();
    }

    private static String env(TaskInfo task, String name) {
        return task.command().environment().variables().stream().filter(v -> v.name().equals(name))
                .map(v -> v.value()).findFirst().orElseThrow();
    }

    /** Two instances of {@link #crashing} run, then one fails: its replacement waits for the 10 s backoff. */
    private TaskInfo twoRunningThenOneFails() {
        deploy(crashing(2));
        onLoop(work -> offers.onOffers(work, List.of(offer("a1"))));
        mesos.launched.forEach(t -> status(t, TaskState.TASK_RUNNING));
        assertThat(deployments.running()).isEmpty();
        TaskInfo failed = mesos.launched.getFirst();
        status(failed, TaskState.TASK_FAILED);
        assertThat(instances(Condition.RUNNING)).hasSize(1);
        assertThat(instances(Condition.SCHEDULED)).hasSize(1);
        return failed;
    }

    @Test
    void aReplacementWaitingForItsBackoffLaunchesAfterAScaleAndTheBackoffIsKept() {
        twoRunningThenOneFails();
        Instant configured = AppVersioning.configVersion(current());
        Instance waiting = instances(Condition.SCHEDULED).getFirst();
        clock.advance(Duration.ofSeconds(3));

        deploy(crashing(3));
        App scaled = current();
        assertThat(AppVersioning.version(scaled)).isAfter(configured);
        assertThat(AppVersioning.configVersion(scaled)).as("a scale keeps the configuration").isEqualTo(configured);
        assertThat(instances(Condition.SCHEDULED)).hasSize(2).extracting(Instance::configVersion)
                .containsOnly(configured);

        // The backoff of the configuration holds both back: the one scheduled before the scale and the new one.
        onLoop(work -> offers.onOffers(work, List.of(offer("a1"))));
        assertThat(mesos.launched).hasSize(2);
        assertThat(queueItem(WEB).get("delay").toString()).isEqualTo("{\"timeLeftSeconds\":7,\"overdue\":false}");

        clock.advance(Duration.ofSeconds(8));
        onLoop(work -> offers.onOffers(work, List.of(offer("a1"))));
        assertThat(mesos.launched).hasSize(4);
        List<TaskInfo> relaunched = mesos.launched.subList(2, 4);
        assertThat(relaunched).extracting(t -> env(t, "MARATHON_APP_VERSION")).containsOnly(scaled.version());
        assertThat(relaunched).extracting(t -> Instance.instanceIdOfTask(t.taskId().value()))
                .contains(waiting.instanceId());
        relaunched.forEach(t -> status(t, TaskState.TASK_RUNNING));

        assertThat(instances(Condition.RUNNING)).hasSize(3);
        assertThat(instances(Condition.SCHEDULED)).isEmpty();
        assertThat(tracker.byInstanceId(waiting.instanceId()).orElseThrow().runSpecVersion())
                .as("launched with the current definition").isEqualTo(AppVersioning.version(scaled));
        assertThat(deployments.running()).isEmpty();
        assertThat(mesos.killed).as("a scale restarts nothing").isEmpty();
    }

    @Test
    void aFailureOfAnInstanceLaunchedBeforeAScaleGrowsTheBackoffOfTheScaledApp() {
        twoRunningThenOneFails();
        clock.advance(Duration.ofSeconds(11));
        deploy(crashing(3));
        TaskInfo survivor = mesos.launched.get(1);

        status(survivor, TaskState.TASK_FAILED);

        // Doubled by the configuration's second failure, not a first 10 s as for a new version.
        assertThat(queueItem(WEB).get("delay").get("timeLeftSeconds").asInt()).isEqualTo(20);
    }

    @Test
    void aConfigChangeReplacesTheWaitingReplacementWithOneOfTheNewConfigurationAtOnce() {
        twoRunningThenOneFails();
        Instance waiting = instances(Condition.SCHEDULED).getFirst();
        clock.advance(Duration.ofSeconds(1));

        deploy(crashing(2).toBuilder().cmd("sleep 2000").build());
        Instant changed = AppVersioning.configVersion(current());
        assertThat(changed).isEqualTo(AppVersioning.version(current()));
        assertThat(tracker.byInstanceId(waiting.instanceId())).as("the old configuration's waiting instance is gone")
                .isEmpty();
        assertThat(instances(Condition.SCHEDULED)).isNotEmpty().allMatch(i -> i.hasConfig(changed));

        // A new configuration starts without the old one's backoff.
        onLoop(work -> offers.onOffers(work, List.of(offer("a1"))));
        List<TaskInfo> launched = mesos.launched.subList(2, mesos.launched.size());
        assertThat(launched).hasSize(2).allMatch(t -> t.command().value().equals("sleep 2000"));
        launched.forEach(t -> status(t, TaskState.TASK_RUNNING));
        mesos.launched.stream().filter(t -> mesos.killed.contains(t.taskId().value()))
                .forEach(t -> status(t, TaskState.TASK_KILLED));
        assertThat(tracker.of(WEB)).hasSize(2)
                .allMatch(i -> i.hasConfig(changed) && i.condition() == Condition.RUNNING);
        assertThat(deployments.running()).isEmpty();
    }

    @Test
    void scalingDownWhileAReplacementWaitsRemovesTheWaitingOneFirst() {
        twoRunningThenOneFails();
        deploy(crashing(1));
        // Marathon takes unlaunched instances first: nothing running is killed, the waiting one is forgotten.
        assertThat(instances(Condition.SCHEDULED)).isEmpty();
        assertThat(mesos.killed).isEmpty();
        assertThat(tracker.of(WEB)).singleElement().satisfies(i -> assertThat(i.condition())
                .isEqualTo(Condition.RUNNING));
        // Nothing reports back on an instance that never launched: the next full pass finishes the deployment.
        clock.advance(Duration.ofSeconds(1));
        onLoop(timers::tick);
        assertThat(deployments.running()).isEmpty();
    }

    /** Reads the task id of a reconciliation entry. */
    private interface MesosCallsRef {
        static String taskId(io.mpaas.marathon.framework.MesosCalls.TaskRef ref) {
            return ref.taskId();
        }
    }
}
