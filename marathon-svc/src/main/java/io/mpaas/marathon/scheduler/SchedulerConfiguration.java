package io.mpaas.marathon.scheduler;

import io.mpaas.marathon.deployment.DeploymentRepository;
import io.mpaas.marathon.event.Events;
import io.mpaas.marathon.framework.FrameworkIdRepository;
import io.mpaas.marathon.framework.FrameworkLink;
import io.mpaas.marathon.framework.MesosProperties;
import io.mpaas.marathon.group.GroupRepository;
import io.mpaas.marathon.ha.Leadership;
import io.mpaas.marathon.health.ReadinessChecks;
import io.mpaas.marathon.instance.InstanceRepository;
import io.mpaas.marathon.instance.InstanceTracker;
import io.mpaas.marathon.instance.TaskFailures;
import io.mpaas.marathon.launch.LaunchDelayRepository;
import io.mpaas.marathon.launch.LaunchDelays;
import io.mpaas.marathon.launch.LaunchQueue;
import io.mpaas.marathon.launch.OfferStats;
import io.mpaas.marathon.offer.OfferMatchSettings;
import io.mpaas.marathon.offer.OfferMatcher;
import io.mpaas.marathon.deployment.DeploymentPlanner;
import io.mpaas.marathon.group.DeploymentPreview;
import java.time.Clock;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * The scheduler core's objects, wired once. Everything that changes state runs on the one
 * {@link SchedulerLoop}; the rest of the service reads through the views (InstanceView, QueueView,
 * Deployer.running) and changes things through Deployer and Killer.
 */
@Configuration(proxyBeanMethods = false)
class SchedulerConfiguration {

    @Bean
    InstanceTracker instanceTracker() {
        return new InstanceTracker();
    }

    @Bean
    RootHolder rootHolder() {
        return new RootHolder();
    }

    @Bean
    LaunchDelays launchDelays(LaunchDelayRepository repository) {
        return new LaunchDelays(repository);
    }

    @Bean
    OfferStats offerStats() {
        return new OfferStats();
    }

    @Bean
    TaskFailures taskFailures() {
        return new TaskFailures();
    }

    @Bean(destroyMethod = "close")
    SchedulerLoop schedulerLoop(InstanceRepository instances, LaunchDelays delays) {
        return new SchedulerLoop(instances, delays);
    }

    @Bean
    FrameworkLink frameworkLink(MesosProperties properties, FrameworkIdRepository frameworkIds, Leadership leadership) {
        String self = leadership.self();
        return new FrameworkLink(properties, frameworkIds, self.substring(0, self.lastIndexOf(':')));
    }

    @Bean
    LaunchQueue launchQueue(InstanceTracker tracker, RootHolder root, LaunchDelays delays, OfferStats stats,
            Clock clock) {
        return new LaunchQueue(tracker, root, delays, stats, clock);
    }

    @Bean
    InstanceUpdates instanceUpdates(InstanceTracker tracker, LaunchDelays delays, TaskFailures failures,
            RootHolder root, FrameworkLink mesos, Events events, Clock clock) {
        return new InstanceUpdates(tracker, delays, failures, root, mesos, events, clock);
    }

    @Bean
    Reconciler reconciler(InstanceTracker tracker, FrameworkLink mesos, LaunchProperties properties, Clock clock) {
        return new Reconciler(tracker, mesos, clock, properties.reconcileInterval());
    }

    @Bean
    OfferMatcher offerMatcher(OfferMatchSettings settings, Clock clock) {
        return new OfferMatcher(settings, clock);
    }

    @Bean
    OfferHandler offerHandler(InstanceTracker tracker, InstanceUpdates updates, LaunchQueue queue,
            OfferMatcher matcher, OfferStats stats, FrameworkLink mesos, LaunchProperties properties,
            Reconciler reconciler, Leadership leadership, Clock clock) {
        return new OfferHandler(tracker, updates, queue, matcher, stats, mesos, properties,
                () -> leadership.isLeader() && reconciler.ready(), clock);
    }

    @Bean
    StatusHandler statusHandler(InstanceTracker tracker, InstanceUpdates updates, FrameworkLink mesos, Events events,
            Clock clock) {
        return new StatusHandler(tracker, updates, mesos, events, clock);
    }

    @Bean
    AppCommands appCommands(InstanceTracker tracker, InstanceUpdates updates, RootHolder root,
            ReadinessChecks readiness, LaunchDelays delays, OfferStats stats, TaskFailures failures, Clock clock) {
        return new AppCommands(tracker, updates, root, readiness::isReady, delays, stats, failures, clock);
    }

    @Bean
    DeploymentRunner deploymentRunner(SchedulerLoop loop, RootHolder root, GroupRepository groups,
            DeploymentRepository deployments, AppCommands commands, LaunchDelays delays, TaskFailures failures,
            Events events, Leadership leadership, LaunchProperties launch, Clock clock) {
        return new DeploymentRunner(loop, root, groups, deployments, commands, delays, failures, events,
                leadership::isLeader, clock).decideAtMostEvery(launch.decideInterval());
    }

    /** {@code PUT /v2/groups?dryRun=true}: the deployment planner on its own. */
    @Bean
    DeploymentPreview deploymentPreview() {
        return (original, target) -> DeploymentPlanner.plan(original, target, UUID.randomUUID().toString());
    }

    @Bean
    KillService killService(SchedulerLoop loop, InstanceTracker tracker, InstanceUpdates updates, LaunchDelays delays,
            RootHolder root, Events events, Clock clock) {
        return new KillService(loop, tracker, updates, delays, root, events, clock);
    }

    @Bean
    SchedulerTimers schedulerTimers(InstanceTracker tracker, InstanceUpdates updates, LaunchDelays delays,
            RootHolder root, FrameworkLink mesos, Reconciler reconciler, LaunchProperties properties,
            Leadership leadership, Clock clock) {
        return new SchedulerTimers(tracker, updates, delays, root, mesos, reconciler, properties,
                () -> leadership.isLeader() && reconciler.ready(), clock);
    }

    @Bean
    MarathonScheduler marathonScheduler(SchedulerLoop loop, OfferHandler offers, StatusHandler statuses,
            Reconciler reconciler, FrameworkIdRepository frameworkIds, Events events) {
        return new MarathonScheduler(loop, offers, statuses, reconciler, frameworkIds, events);
    }

    @Bean
    BatchHooks batchHooks(SchedulerLoop loop, DeploymentRunner deployments, AppCommands commands,
            OfferHandler offers, ReadinessWatch readiness, Reconciler reconciler, Leadership leadership) {
        return new BatchHooks(loop, deployments, commands, offers, readiness,
                () -> leadership.isLeader() && reconciler.ready());
    }

    @Bean
    ReadinessWatch readinessWatch(InstanceTracker tracker, RootHolder root, ReadinessChecks readiness) {
        return new ReadinessWatch(tracker, root, readiness);
    }

    /** Runs first among the leader work: everything else (health checks) relies on the loaded state. */
    @Bean
    @Order(0)
    SchedulerTerm schedulerTerm(SchedulerLoop loop, InstanceRepository instances, InstanceTracker tracker,
            LaunchDelays delays, DeploymentRunner deployments, Reconciler reconciler, SchedulerTimers timers,
            FrameworkLink framework, MarathonScheduler scheduler, BatchHooks hooks) {
        return new SchedulerTerm(loop, instances, tracker, delays, deployments, reconciler, timers, framework,
                scheduler);
    }
}
