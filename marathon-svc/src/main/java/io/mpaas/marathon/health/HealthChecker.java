package io.mpaas.marathon.health;

import io.mpaas.marathon.app.AppVersioning;
import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.event.Events;
import io.mpaas.marathon.instance.Condition;
import io.mpaas.marathon.instance.Goal;
import io.mpaas.marathon.instance.Instance;
import io.mpaas.marathon.instance.InstanceView;
import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.MarathonTask.HealthCheckResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one round of an app's due marathon-run checks: probes every running instance of the app's
 * current configuration (in parallel, at most {@code maxConcurrent} probes over all apps), steps
 * each result through {@link HealthCheckResults}, records the results with the {@link HealthSink},
 * publishes the events, and kills what failed too often as far as the {@link HealthKillLimiter}
 * allows. The limiter is applied here, not in the sink: this is where the pause between kills and
 * the time of the last kill are known.
 *
 * <p>The previous results come from this leader's memory, or, for an instance it has not checked
 * yet (after a failover), from the results persisted on the instance, so a new leader continues
 * where the old one stopped instead of calling everything unknown.
 */
public final class HealthChecker {

    private static final Logger log = LoggerFactory.getLogger(HealthChecker.class);

    private final InstanceView instances;
    private final HealthCheckProbe probe;
    private final HealthSink sink;
    private final Events events;
    private final Clock clock;
    private final Semaphore slots;

    /** Per app, per task id: the newest results of all its marathon-run checks. */
    private final Map<PathId, Map<String, List<HealthCheckResult>>> results = new ConcurrentHashMap<>();
    private final Map<PathId, Instant> lastKillAt = new ConcurrentHashMap<>();
    private final HealthCheckAnnouncements announcements;

    private final LongAdder checksRun = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder kills = new LongAdder();
    private final LongAdder killsPostponed = new LongAdder();
    private final AtomicInteger probesInFlight = new AtomicInteger();

    public HealthChecker(InstanceView instances, HealthCheckProbe probe, HealthSink sink, Events events, Clock clock,
            HealthProperties properties) {
        this.instances = instances;
        this.probe = probe;
        this.sink = sink;
        this.events = events;
        this.clock = clock;
        this.slots = new Semaphore(properties.maxConcurrent());
        this.announcements = new HealthCheckAnnouncements(events);
    }

    /** One instance's new results with what they ask for, per check. */
    private record Checked(Instance instance, List<HealthCheckResult> results, boolean changed,
            Map<MarathonHealthCheck, List<HealthCheckResults.Effect>> effects) {
    }

    /**
     * Runs {@code due} (some of the app's marathon-run checks) once for every checked instance and
     * returns when everything is recorded and carried out. Blocks; meant for a virtual thread.
     *
     * @param threads where the probes run, one virtual thread each
     * @param leading whether this leader may still write; checked before every write, so a
     *                revoked leader records and kills nothing more
     * @throws InterruptedException when the loop stops; nothing more is written then
     */
    void run(App app, List<MarathonHealthCheck> due, ExecutorService threads, BooleanSupplier leading)
            throws InterruptedException {
        PathId appId = PathId.of(app.id());
        List<MarathonHealthCheck> all = MarathonHealthCheck.of(app);
        List<Instance> appInstances = instances.of(appId);
        List<Instance> targets = appInstances.stream().filter(i -> isChecked(i, app)).toList();
        Map<String, List<HealthCheckResult>> memory = results.computeIfAbsent(appId, k -> new ConcurrentHashMap<>());
        memory.keySet().retainAll(targets.stream().map(HealthChecker::taskKey).collect(Collectors.toSet()));

        Map<Instance, List<Future<Outcome>>> outcomes = new LinkedHashMap<>();
        for (Instance target : targets) {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (MarathonHealthCheck check : due) {
                futures.add(submit(check, target, threads));
            }
            outcomes.put(target, futures);
        }

        List<Checked> checked = new ArrayList<>();
        for (Map.Entry<Instance, List<Future<Outcome>>> entry : outcomes.entrySet()) {
            checked.add(step(entry.getKey(), due, all, await(entry.getValue()), memory));
        }
        for (Checked c : checked) {
            if (!leading.getAsBoolean()) {
                return;
            }
            if (c.changed()) {
                record(c);
            }
        }
        if (!leading.getAsBoolean()) {
            return;
        }
        List<Instance> candidates = new ArrayList<>();
        Map<String, String> reasons = new HashMap<>();
        for (Checked c : checked) {
            Instance updated = c.instance().withHealthResults(c.results());
            c.effects().forEach((check, effects) -> effects.forEach(effect -> {
                switch (effect) {
                    case HealthCheckResults.FailedCheck f -> {
                        failures.increment();
                        events.failedHealthCheck(updated, check.definition());
                    }
                    case HealthCheckResults.AliveChanged a -> events.healthStatusChanged(updated, a.alive());
                    case HealthCheckResults.Kill k -> {
                        if (reasons.putIfAbsent(updated.instanceId(), k.reason()) == null) {
                            candidates.add(updated);
                        }
                    }
                }
            }));
        }
        if (!candidates.isEmpty()) {
            kill(app, appId, all, appInstances, checked, candidates, reasons, leading);
        }
    }

    private Future<Outcome> submit(MarathonHealthCheck check, Instance target, ExecutorService threads) {
        OptionalInt port = check.portOf(target);
        if (port.isEmpty()) {
            return CompletableFuture.completedFuture(new Outcome.Ignored(
                    "instance has no host port at index " + check.portIndex()));
        }
        return threads.submit(() -> probeInSlot(check, target.host(), port.getAsInt()));
    }

    private Outcome probeInSlot(MarathonHealthCheck check, String host, int port) throws InterruptedException {
        slots.acquire();
        probesInFlight.incrementAndGet();
        try {
            return probe.probe(check, host, port);
        } catch (RuntimeException e) {
            // A probe's own bug must not count against the instance (and kill it).
            log.warn("Health check {} of {}:{} failed to run", check.definition(), host, port, e);
            return new Outcome.Ignored("probe failed: " + e);
        } finally {
            probesInFlight.decrementAndGet();
            slots.release();
            checksRun.increment();
        }
    }

    private static List<Outcome> await(List<Future<Outcome>> futures) throws InterruptedException {
        List<Outcome> result = new ArrayList<>();
        for (Future<Outcome> future : futures) {
            try {
                result.add(future.get());
            } catch (ExecutionException e) {
                if (e.getCause() instanceof InterruptedException interrupted) {
                    throw interrupted;
                }
                throw new IllegalStateException("A health probe failed", e.getCause());
            }
        }
        return result;
    }

    private Checked step(Instance target, List<MarathonHealthCheck> due, List<MarathonHealthCheck> all,
            List<Outcome> outcomes, Map<String, List<HealthCheckResult>> memory) {
        Instant now = clock.instant();
        List<HealthCheckResult> previous = previous(target, all, memory);
        List<HealthCheckResult> next = new ArrayList<>(previous);
        Map<MarathonHealthCheck, List<HealthCheckResults.Effect>> effects = new LinkedHashMap<>();
        Instant runningSince = target.startedAt() != null ? target.startedAt() : target.since();
        for (int i = 0; i < due.size(); i++) {
            MarathonHealthCheck check = due.get(i);
            HealthCheckResults.Step step = HealthCheckResults.next(next.get(check.index()), outcomes.get(i), now,
                    runningSince, check);
            next.set(check.index(), step.result());
            effects.put(check, step.effects());
        }
        memory.put(taskKey(target), List.copyOf(next));
        return new Checked(target, List.copyOf(next), !next.equals(previous), effects);
    }

    /** This leader's last results, else the persisted ones if they fit the checks, else unknown. */
    private static List<HealthCheckResult> previous(Instance target, List<MarathonHealthCheck> all,
            Map<String, List<HealthCheckResult>> memory) {
        List<HealthCheckResult> known = memory.get(taskKey(target));
        if (known != null && known.size() == all.size()) {
            return known;
        }
        if (target.healthResults().size() == all.size()) {
            return target.healthResults();
        }
        return all.stream().map(c -> HealthCheckResults.initial(target.instanceId())).toList();
    }

    private void record(Checked c) {
        try {
            sink.record(c.instance().instanceId(), c.results());
        } catch (RuntimeException e) {
            log.warn("Could not record the health of {}", c.instance().instanceId(), e);
        }
    }

    private void kill(App app, PathId appId, List<MarathonHealthCheck> all, List<Instance> appInstances,
            List<Checked> checked, List<Instance> candidates, Map<String, String> reasons, BooleanSupplier leading) {
        Map<String, Instance> current = new LinkedHashMap<>();
        appInstances.forEach(i -> current.put(i.instanceId(), i));
        checked.forEach(c -> current.put(c.instance().instanceId(), c.instance().withHealthResults(c.results())));
        Duration pause = all.stream().map(MarathonHealthCheck::interval).min(Duration::compareTo).orElseThrow();
        Instant now = clock.instant();
        List<Instance> allowed = HealthKillLimiter.of(app, pause)
                .allowed(current.values(), candidates, lastKillAt.get(appId), now);
        killsPostponed.add(candidates.size() - allowed.size());
        for (Instance instance : allowed) {
            if (!leading.getAsBoolean()) {
                return;
            }
            String reason = reasons.get(instance.instanceId());
            boolean killed;
            try {
                killed = sink.killUnhealthy(instance, reason);
            } catch (RuntimeException e) {
                log.warn("Could not kill unhealthy {}", instance.instanceId(), e);
                killed = false;
            }
            if (killed) {
                kills.increment();
                lastKillAt.put(appId, now);
                events.unhealthyInstanceKill(instance, reason);
            } else {
                killsPostponed.increment();
            }
        }
    }

    /** Running, meant to keep running, on an agent we know, and of the app's current configuration. */
    static boolean isChecked(Instance instance, App app) {
        if (instance.condition() != Condition.RUNNING || instance.goal() != Goal.RUNNING || instance.host() == null) {
            return false;
        }
        // Scaling makes a new app version but keeps the configuration: instances launched before a scale-up
        // run the current checks. After a rollback, instances of the abandoned configuration do not.
        return app.version() == null || instance.hasConfig(AppVersioning.configVersion(app));
    }

    private static String taskKey(Instance instance) {
        return instance.taskId() != null ? instance.taskId() : instance.instanceId();
    }

    /** Forgets the results and kill times of apps not in {@code appIds}. */
    void retainApps(Set<PathId> appIds) {
        results.keySet().retainAll(appIds);
        lastKillAt.keySet().retainAll(appIds);
    }

    /** Announces the health checks of new app versions and the end of removed ones (once per tick). */
    void announce(Map<PathId, App> apps) {
        announcements.update(apps);
    }

    /** Forgets everything (leadership ended); a next term starts from the persisted results. */
    void clear() {
        results.clear();
        lastKillAt.clear();
        announcements.clear();
    }

    /** Probes run since start-up. */
    public long checksRun() {
        return checksRun.sum();
    }

    /** Failures that counted (outside the grace period). */
    public long failures() {
        return failures.sum();
    }

    /** Instances killed for failing their checks. */
    public long kills() {
        return kills.sum();
    }

    /** Kills asked for but held back by the limiter or refused by the sink (asked again next time). */
    public long killsPostponed() {
        return killsPostponed.sum();
    }

    /** Probes running right now; at most {@code maxConcurrent}. */
    public int probesInFlight() {
        return probesInFlight.get();
    }
}
