package io.mpaas.marathon.launch;

import io.mpaas.marathon.MarathonFailure;
import io.mpaas.marathon.app.AppVersioning;
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
 * The instances waiting for an offer: every SCHEDULED instance of its app's current configuration that
 * the configuration's launch delay does not hold back. There is no separate queue to keep in step; it is
 * read off the instances.
 *
 * <p>Configuration, not version (Marathon's {@code configRef}): an instance scheduled before a scale (a
 * replacement waiting for its backoff or for an offer) has an older version but the current configuration,
 * and launches with the current definition; an instance of an older configuration waits for its app's
 * restart to decommission it.
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

    /**
     * An instance waiting for an offer, with the definition to launch it with.
     *
     * @param instance the scheduled instance at {@code app}'s version, which it launches with
     */
    public record Waiting(App app, Instance instance) {
    }

    /**
     * The instances that may launch now, oldest first. An instance whose configuration is no longer its
     * app's (the app changed or was removed meanwhile) waits for the deployment to deal with it.
     *
     * <p>Asked for every batch of offers, so it walks only the scheduled instances (kept in launch order
     * by the tracker, nothing to sort) and looks each app configuration up in the root and the delays once.
     */
    public List<Waiting> launchable() {
        Instant now = clock.instant();
        RootGroup current = root.get();
        Map<LaunchDelays.Key, Optional<Launchable>> launchableConfigs = new HashMap<>();
        List<Waiting> result = new ArrayList<>();
        for (Instance instance : instances.scheduled()) {
            Optional<Launchable> app = launchableConfigs.computeIfAbsent(
                    new LaunchDelays.Key(instance.appId(), instance.configVersion()),
                    config -> specFor(current, config).filter(spec ->
                            !delays.blocks(config.appId(), config.configVersion(), spec.app(), now)));
            app.ifPresent(spec -> result.add(new Waiting(spec.app(), instance.launchingAt(spec.version()))));
        }
        return result;
    }

    /** The current definition of an app and its version, parsed once per batch of offers. */
    private record Launchable(App app, Instant version) {
    }

    /** Whether any instance is scheduled at all (held back or not): the framework must not suppress offers. */
    public boolean hasScheduled() {
        return instances.anyScheduled();
    }

    /** The app's current definition if its configuration is {@code config}'s. */
    private static Optional<Launchable> specFor(RootGroup root, LaunchDelays.Key config) {
        return root.app(config.appId()).filter(app -> app.version() != null
                && AppVersioning.configVersion(app).equals(config.configVersion()))
                .map(app -> new Launchable(app, AppVersioning.version(app)));
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
            // The delay of the configuration the app launches now (Marathon: its configRef's backoff).
            Instant until = app.version() == null ? null
                    : delays.current(appId, AppVersioning.configVersion(app), app, now).map(LaunchDelay::until)
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
