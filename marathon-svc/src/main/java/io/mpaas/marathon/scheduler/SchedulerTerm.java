package io.mpaas.marathon.scheduler;

import io.mpaas.marathon.framework.FrameworkLink;
import io.mpaas.marathon.ha.LeaderWork;
import io.mpaas.marathon.instance.InstanceRepository;
import io.mpaas.marathon.instance.InstanceTracker;
import io.mpaas.marathon.launch.LaunchDelays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler's part of a leadership term: on election it loads the stored state onto the loop
 * (instances, launch delays, the root and deployments),
 * starts the timers and subscribes to the master (which triggers reconciliation before anything is
 * launched or killed); on revocation it stops all of it at once.
 */
public final class SchedulerTerm implements LeaderWork {

    private static final Logger log = LoggerFactory.getLogger(SchedulerTerm.class);

    private final SchedulerLoop loop;
    private final InstanceRepository instances;
    private final InstanceTracker tracker;
    private final LaunchDelays delays;
    private final DeploymentRunner deployments;
    private final Reconciler reconciler;
    private final SchedulerTimers timers;
    private final FrameworkLink framework;
    private final MarathonScheduler scheduler;
    private ScheduledExecutorService ticker;

    public SchedulerTerm(SchedulerLoop loop, InstanceRepository instances, InstanceTracker tracker,
            LaunchDelays delays, DeploymentRunner deployments, Reconciler reconciler, SchedulerTimers timers,
            FrameworkLink framework, MarathonScheduler scheduler) {
        this.loop = loop;
        this.instances = instances;
        this.tracker = tracker;
        this.delays = delays;
        this.deployments = deployments;
        this.reconciler = reconciler;
        this.timers = timers;
        this.framework = framework;
        this.scheduler = scheduler;
    }

    @Override
    public synchronized void onElected() {
        loop.call(work -> {
            reconciler.reset();
            tracker.load(instances.all());
            delays.load();
            deployments.load(work);
            return null;
        });
        log.info("Leading: {} instances, {} launch delays and {} deployments loaded", tracker.size(), delays.size(),
                deployments.running().size());
        ticker = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("marathon-timers").daemon(true)
                .factory());
        ticker.scheduleWithFixedDelay(() -> loop.submit(timers::tick), 1, 1, TimeUnit.SECONDS);
        framework.start(scheduler);
    }

    @Override
    public synchronized void onRevoked() {
        framework.stop();
        if (ticker != null) {
            ticker.shutdownNow();
            ticker = null;
        }
        loop.submit(work -> reconciler.reset());
    }
}
