package io.mpaas.marathon.launch;

import io.mpaas.marathon.MarathonFailure;
import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.group.RootGroup;
import io.mpaas.marathon.instance.Condition;
import io.mpaas.marathon.instance.Instance;
import io.mpaas.marathon.instance.InstanceView;
import io.mpaas.protocol.marathon.App;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The instances waiting for an offer: every SCHEDULED instance whose app version is not held back
 * by its launch delay. There is no separate queue to keep in step; it is read off the instances.
 */
public final class LaunchQueue implements QueueView {

    private final InstanceView instances;
    private final Supplier<RootGroup> root;
    private final LaunchDelays delays;
    private final OfferStats stats;
    private final Clock clock;

    public LaunchQueue(InstanceView instances, Supplier<RootGroup> root, LaunchDelays delays, OfferStats stats,
            Clock clock) {
        this.instances = instances;
        this.root = root;
        this.delays = delays;
        this.stats = stats;
        this.clock = clock;
    }

    /** An app version's instance waiting for an offer, with the definition to launch it with. */
    public record Waiting(App app, Instance instance) {
    }

    /**
     * The instances that may launch now, oldest first. An instance whose app version is no longer
     * in the root (the app changed or was removed meanwhile) waits for the deployment to deal with it.
     *
     * <p>Asked for every batch of offers, so it walks only the scheduled instances (kept in launch order
     * by the tracker, nothing to sort) and looks each app version up in the root and the delays once.
     */
    public List<Waiting> launchable() {
        Instant now = clock.instant();
        RootGroup current = root.get();
        Map<LaunchDelays.Key, Optional<App>> launchableVersions = new HashMap<>();
        List<Waiting> result = new ArrayList<>();
        for (Instance instance : instances.scheduled()) {
            Optional<App> app = launchableVersions.computeIfAbsent(
                    new LaunchDelays.Key(instance.appId(), instance.runSpecVersion()),
                    version -> specFor(current, instance).filter(spec ->
                            !delays.blocks(version.appId(), version.version(), spec, now)));
            app.ifPresent(spec -> result.add(new Waiting(spec, instance)));
        }
        return result;
    }

    /** Whether any instance is scheduled at all (held back or not): the framework must not suppress offers. */
    public boolean hasScheduled() {
        return instances.anyScheduled();
    }

    private static Optional<App> specFor(RootGroup root, Instance instance) {
        return root.app(instance.appId()).filter(app -> app.version() != null
                && instance.runSpecVersion().equals(io.mpaas.marathon.app.MarathonTime.parse(app.version())));
    }

    @Override
    public List<QueueEntry> entries() {
        Instant now = clock.instant();
        RootGroup current = root.get();
        Map<PathId, List<Instance>> scheduled = new TreeMap<>();
        for (Instance instance : instances.scheduled()) {
            scheduled.computeIfAbsent(instance.appId(), id -> new ArrayList<>()).add(instance);
        }
        List<QueueEntry> entries = new ArrayList<>();
        scheduled.forEach((appId, waiting) -> current.app(appId).ifPresent(app -> {
            Instant version = waiting.getFirst().runSpecVersion();
            Instant until = delays.current(appId, version, app, now).map(LaunchDelay::until)
                    .filter(now::isBefore).orElse(null);
            Instant since = waiting.stream().map(Instance::since).min(Comparator.naturalOrder()).orElse(now);
            OfferStats.Summary summary = stats.of(appId);
            entries.add(new QueueEntry(app, waiting.size(), until, since, summary.rejections(), summary.processed(),
                    summary.unused(), summary.lastUnusedAt(), summary.lastUsedAt(),
                    app.role() == null ? "*" : app.role(), summary.lastUnused()));
        }));
        return entries;
    }

    /** Resets the delay and stores that before answering: a new leader must not bring back a cleared backoff. */
    @Override
    public boolean resetDelay(PathId appId) {
        boolean queued = instances.of(appId).stream().anyMatch(i -> i.condition() == Condition.SCHEDULED);
        if (delays.reset(appId)) {
            try {
                delays.store();
            } catch (RuntimeException e) {
                // Reset here already; the scheduler loop stores it with its next batch.
                throw MarathonFailure.of(MarathonFailure.Kind.UNAVAILABLE,
                        "The reset of the launch delay could not be stored yet: " + e.getMessage());
            }
        }
        return queued;
    }
}
