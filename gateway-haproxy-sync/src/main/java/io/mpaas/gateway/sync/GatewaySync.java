package io.mpaas.gateway.sync;

import io.mpaas.gateway.haproxy.ReloadResult;
import io.mpaas.gateway.marathon.ClusterListener;
import io.mpaas.gateway.render.ServerSlot;
import io.mpaas.protocol.gateway.AppProblem;
import io.mpaas.protocol.gateway.Backend;
import io.mpaas.protocol.gateway.RoutingTable;
import io.mpaas.protocol.marathon.AppInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps HAProxy in step with marathon. The feed's news only updates the known apps and wakes one
 * thread; that thread rebuilds the routing table from all apps, asks the {@link ChangePlanner} what
 * changed, sends server changes through the runtime API at once (and writes them into the configuration
 * file, so a reload or a restarted HAProxy keeps them), and reloads, validated, when frontends or
 * backends themselves changed: at most once per {@link SyncSettings#minReloadInterval()}, however many
 * changes asked for it meanwhile. News that arrives while HAProxy is being changed is coalesced into the
 * next round.
 */
public final class GatewaySync implements ClusterListener {

    private static final Logger log = LoggerFactory.getLogger(GatewaySync.class);

    private final Function<Collection<AppInfo>, RoutingTable> builder;
    private final BiFunction<RoutingTable, Map<String, List<ServerSlot>>, String> renderer;
    private final Proxy proxy;
    private final ConfigGuard guard;
    private final ChangePlanner planner = new ChangePlanner();
    private final SyncSettings settings;
    private final SyncMetrics metrics;
    private final Clock clock;

    private final Object lock = new Object();
    private final Map<String, AppInfo> apps = new HashMap<>();
    private boolean snapshotSeen;
    private boolean dirty;
    private Instant newsSince;
    private boolean running;
    private Thread thread;

    // Owned by the sync thread.
    private RoutingTable applied = RoutingTable.EMPTY;
    private SlotLayout layout = SlotLayout.EMPTY;
    private boolean mustReload;
    private Instant nextReloadAllowed = Instant.MIN;
    private volatile SyncStatus status;
    private Set<AppProblem> logged = Set.of();

    /**
     * @param mustReloadFirst whether the first round reloads even when nothing changed: an attached HAProxy
     *                        runs a configuration this sync did not write
     */
    public GatewaySync(Function<Collection<AppInfo>, RoutingTable> builder,
            BiFunction<RoutingTable, Map<String, List<ServerSlot>>, String> renderer, Proxy proxy,
            SyncSettings settings, SyncMetrics metrics, Clock clock, boolean mustReloadFirst) {
        this.builder = builder;
        this.renderer = renderer;
        this.proxy = proxy;
        this.guard = new ConfigGuard(renderer, proxy);
        this.settings = settings;
        this.metrics = metrics;
        this.clock = clock;
        this.mustReload = mustReloadFirst;
        this.status = SyncStatus.initial(initialConfig());
    }

    /** The configuration of an HAProxy that routes nothing yet. */
    private String initialConfig() {
        return renderer.apply(RoutingTable.EMPTY, Map.of());
    }

    /**
     * Validates and writes the configuration that routes nothing yet: what a managed HAProxy starts on.
     *
     * @throws IllegalStateException with HAProxy's answer when it refuses even that (bad settings or templates)
     */
    public void writeInitialConfig() {
        String initial = initialConfig();
        var validation = proxy.validate(initial);
        if (!validation.valid()) {
            throw new IllegalStateException("HAProxy refuses the gateway's base configuration (check"
                    + " gateway.render.* and the templates): " + validation.output());
        }
        proxy.write(initial);
    }

    /** Whether the sync's thread runs: false before {@link #start()}, after {@link #stop()}, or if it died. */
    public boolean running() {
        Thread t = thread;
        return t != null && t.isAlive();
    }

    public SyncStatus status() {
        return status;
    }

    @Override
    public void onSnapshot(List<AppInfo> snapshot) {
        synchronized (lock) {
            apps.clear();
            snapshot.forEach(app -> apps.put(app.app().id(), app));
            snapshotSeen = true;
            markDirty();
        }
    }

    @Override
    public void onAppChanged(String appId, Optional<AppInfo> app) {
        synchronized (lock) {
            app.ifPresentOrElse(a -> apps.put(appId, a), () -> apps.remove(appId));
            markDirty();
        }
    }

    @Override
    public void onDisconnected(String reason) {
        log.info("Marathon's event stream broke ({}); routing what is known until it is back", reason);
    }

    private void markDirty() {
        if (!dirty) {
            newsSince = clock.instant();
        }
        dirty = true;
        lock.notifyAll();
    }

    public void start() {
        synchronized (lock) {
            running = true;
        }
        thread = Thread.ofPlatform().name("gateway-sync").daemon().start(this::loop);
    }

    public void stop() {
        synchronized (lock) {
            running = false;
            lock.notifyAll();
        }
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void loop() {
        while (true) {
            List<AppInfo> current;
            Instant since;
            synchronized (lock) {
                while (running && !(snapshotSeen && (dirty || reloadDue()))) {
                    try {
                        lock.wait(waitMillis());
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (!running) {
                    return;
                }
                current = new ArrayList<>(apps.values());
                since = newsSince;
                dirty = false;
            }
            try {
                round(current, since);
            } catch (RuntimeException e) {
                log.error("Sync round failed; the next change or retry tries again", e);
                fail("sync", e.getMessage());
                mustReload = true;
                nextReloadAllowed = clock.instant().plus(settings.reloadRetry());
            }
        }
    }

    private boolean reloadDue() {
        return mustReload && !clock.instant().isBefore(nextReloadAllowed);
    }

    private long waitMillis() {
        Instant now = clock.instant();
        if (!mustReload) {
            return 0;
        }
        if (!now.isBefore(nextReloadAllowed)) {
            return 1;
        }
        return Math.max(1, Duration.between(now, nextReloadAllowed).toMillis());
    }

    /** One round: the apps as now known, made HAProxy's. Package-private for scenario tests. */
    void round(Collection<AppInfo> current, Instant since) {
        RoutingTable desired = builder.apply(current);
        ChangePlan plan = planner.plan(applied, layout, desired);
        if (!plan.commands().isEmpty()) {
            applyRuntime(plan, desired);
        }
        if (plan.needsReload() || mustReload) {
            mustReload = true;
            if (clock.instant().isBefore(nextReloadAllowed)) {
                publish(desired);
                return;
            }
            reload(desired, reason(plan));
        } else {
            publish(desired);
        }
        if (since != null) {
            metrics.applied(Duration.between(since, clock.instant()));
        }
    }

    private void applyRuntime(ChangePlan plan, RoutingTable desired) {
        try {
            proxy.execute(plan.commands());
            log.debug("Runtime API: {}", plan.commands());
            metrics.runtime(plan.commands().size());
            applied = withServersOf(applied, desired, plan);
            layout = plan.layout();
            String config = renderer.apply(applied, layout.slots());
            proxy.write(config);
            status = status.runtimeApplied(applied, config, plan.commands().size(), clock.instant());
        } catch (RuntimeException e) {
            log.warn("HAProxy refused runtime changes ({}); reloading instead", e.getMessage());
            fail("runtime", e.getMessage());
            mustReload = true;
        }
    }

    /** The applied table with the servers of every backend the runtime commands changed. */
    private static RoutingTable withServersOf(RoutingTable applied, RoutingTable desired, ChangePlan plan) {
        Map<String, Backend> wanted = new HashMap<>();
        desired.backends().forEach(b -> wanted.put(b.name(), b));
        List<Backend> backends = new ArrayList<>();
        for (Backend backend : applied.backends()) {
            Backend now = wanted.get(backend.name());
            boolean sameDefinition = now != null && now.definition().equals(backend.definition());
            backends.add(sameDefinition && !plan.reloadBackends().contains(backend.name()) ? now : backend);
        }
        return new RoutingTable(applied.frontends(), applied.vhosts(), backends, applied.problems());
    }

    private void reload(RoutingTable desired, String reason) {
        ConfigGuard.Prepared prepared = guard.prepare(desired, layout, applied);
        if (prepared.error() != null) {
            log.error("Configuration refused, the running one stays in force: {}", prepared.error());
            fail("validation", prepared.error());
            mustReload = false;
            publish(desired);
            return;
        }
        proxy.write(prepared.config());
        ReloadResult result = proxy.reload();
        metrics.reload(result.ok());
        Instant now = clock.instant();
        SyncStatus.ReloadRecord record = new SyncStatus.ReloadRecord(now, result.ok(), result.attempts(),
                result.duration().toMillis(), result.message(), reason);
        if (result.ok()) {
            applied = prepared.table();
            layout = prepared.layout();
            mustReload = false;
            nextReloadAllowed = now.plus(settings.minReloadInterval());
            status = status.reloaded(applied, prepared.config(), record, now);
            reportProblems(applied.problems());
        } else {
            log.error("Reload not confirmed after {} attempts: {}", result.attempts(), result.message());
            nextReloadAllowed = now.plus(settings.reloadRetry());
            status = status.reloadFailed(prepared.config(), record, now);
            metrics.error("reload");
        }
    }

    private void publish(RoutingTable desired) {
        status = status.published(desired.problems(), clock.instant());
        reportProblems(desired.problems());
    }

    /** Logs each problem once, when it first appears (a problem stays in {@code /v1/problems} while it lasts). */
    private void reportProblems(List<AppProblem> problems) {
        metrics.problems(problems.size());
        Set<AppProblem> now = new HashSet<>(problems);
        for (AppProblem problem : problems) {
            if (!logged.contains(problem)) {
                log.warn("App {}{}: {}", problem.appId(), problem.label() == null ? "" : " label " + problem.label(),
                        problem.message());
            }
        }
        logged = now;
    }

    private void fail(String kind, String message) {
        metrics.error(kind);
        status = status.failed(kind + ": " + message, clock.instant());
    }

    private static String reason(ChangePlan plan) {
        if (plan.reloadFrontends() && plan.reloadBackends().isEmpty()) {
            return "frontends changed";
        }
        Set<String> backends = plan.reloadBackends();
        String names = backends.size() <= 5 ? String.join(", ", backends) : backends.size() + " backends";
        return (plan.reloadFrontends() ? "frontends and " : "") + "backends changed: " + names;
    }
}
