package io.mpaas.marathon.health;

import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.instance.Instance;
import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.Container;
import io.mpaas.protocol.marathon.PortDefinition;
import io.mpaas.protocol.marathon.PortMapping;
import io.mpaas.protocol.marathon.ReadinessCheck;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Readiness checks of new instances during deployments: a deployment may count an instance as
 * started only when its readiness endpoint says so (a JVM that listens is not yet a JVM that has
 * warmed its caches). The deployment executor {@link #watch}es each new running instance of an
 * app with a readiness check, polls {@link #isReady}, and {@link #forget}s the instance when the
 * step is over. A ready instance is not checked again (as in Marathon).
 *
 * <p>A check is an HTTP(S) GET of {@code path} on the instance's host port named {@code portName};
 * ready means the status is one of {@code httpStatusCodesForReady}. The first check runs at the
 * next tick after {@code watch}, then every {@code intervalSeconds}; each may take
 * {@code timeoutSeconds}. Leader-only, like the deployments that use it: {@link #start} and
 * {@link #stop} with leadership; {@link #tick} decides by the time it is given.
 */
public final class ReadinessChecks implements io.mpaas.marathon.app.ReadinessView {

    /** Marathon's default: a new instance is seen ready at most this long after it is. */
    private static final int DEFAULT_INTERVAL_SECONDS = 30;
    /** Marathon's default: an endpoint slower than this is "not ready yet", checked again next interval. */
    private static final int DEFAULT_TIMEOUT_SECONDS = 10;

    private final HttpProbe http;
    private final Ticker ticker;
    private final Map<String, Watch> watches = new ConcurrentHashMap<>();
    private ExecutorService threads;

    /**
     * One watched instance.
     *
     * @param port    null when the instance has no host port of that name (then it never gets ready)
     * @param nextDue null while a check is running
     */
    private record Watch(PathId appId, ReadinessCheck check, String taskId, String host, Integer port,
            Instant nextDue, ReadinessCheckResult result) {
        Watch withResult(ReadinessCheckResult newResult, Instant next) {
            return new Watch(appId, check, taskId, host, port, next, newResult);
        }

        Watch running() {
            return new Watch(appId, check, taskId, host, port, null, result);
        }
    }

    public ReadinessChecks(Clock clock, HealthProperties properties) {
        this.http = new HttpProbe((int) Math.min(Integer.MAX_VALUE, properties.readinessBodyLimit().toBytes()));
        this.ticker = new Ticker("marathon-readiness-checks", properties.tickResolution(),
                () -> tick(clock.instant()));
    }

    public synchronized void start() {
        if (threads == null) {
            threads = Executors.newVirtualThreadPerTaskExecutor();
            ticker.start();
        }
    }

    /** Stops checking and forgets every instance (the next leader's deployments watch them anew). */
    public synchronized void stop() {
        if (threads != null) {
            ticker.stop();
            threads.shutdownNow();
            threads = null;
            watches.clear();
        }
    }

    /** Whether {@code app} has a readiness check (at most one is allowed); without one every instance is ready. */
    public static boolean hasReadinessCheck(App app) {
        return app.readinessChecks() != null && !app.readinessChecks().isEmpty();
    }

    /**
     * Starts checking a running instance of {@code app}. Watching the same task again changes
     * nothing; a new task of the instance (a relaunch) starts from "not ready".
     */
    public void watch(App app, Instance instance) {
        if (!hasReadinessCheck(app)) {
            return;
        }
        ReadinessCheck check = app.readinessChecks().getFirst();
        String taskId = instance.taskId() != null ? instance.taskId() : instance.instanceId();
        OptionalInt index = portIndex(app, check.portName());
        Integer port = index.isPresent() && index.getAsInt() < instance.hostPorts().size()
                ? instance.hostPorts().get(index.getAsInt()) : null;
        ReadinessCheckResult unknown = new ReadinessCheckResult(nameOf(check), taskId, false, null);
        Watch fresh = new Watch(instance.appId(), check, taskId, instance.host(), port, Instant.MIN, unknown);
        watches.compute(instance.instanceId(), (id, old) -> old != null && old.taskId().equals(taskId) ? old : fresh);
    }

    /** Stops checking an instance and drops its result. */
    public void forget(String instanceId) {
        watches.remove(instanceId);
    }

    /** Whether the watched instance passed its readiness check; false for an instance not watched. */
    public boolean isReady(String instanceId) {
        Watch watch = watches.get(instanceId);
        return watch != null && watch.result().ready();
    }

    public Optional<ReadinessCheckResult> result(String instanceId) {
        return Optional.ofNullable(watches.get(instanceId)).map(Watch::result);
    }

    /** The results of every watched instance of one app, for {@code readinessCheckResults}. */
    @Override
    public List<ReadinessCheckResult> results(PathId appId) {
        return watches.values().stream().filter(w -> w.appId().equals(appId)).map(Watch::result)
                .sorted(java.util.Comparator.comparing(ReadinessCheckResult::taskId)).toList();
    }

    /**
     * Starts the checks due at {@code now} on virtual threads and returns without waiting.
     *
     * @return how many checks were started
     */
    public synchronized int tick(Instant now) {
        if (threads == null) {
            return 0;
        }
        int started = 0;
        for (Map.Entry<String, Watch> entry : watches.entrySet()) {
            Watch watch = entry.getValue();
            if (watch.result().ready() || watch.nextDue() == null || watch.nextDue().isAfter(now)
                    || watch.host() == null || watch.port() == null) {
                continue;
            }
            String instanceId = entry.getKey();
            if (!watches.replace(instanceId, watch, watch.running())) {
                continue;
            }
            started++;
            threads.execute(() -> {
                ReadinessCheckResult result = check(watch);
                Instant next = now.plusSeconds(intervalSeconds(watch.check()));
                watches.computeIfPresent(instanceId, (id, current) -> current.taskId().equals(watch.taskId())
                        ? current.withResult(result, next) : current);
            });
        }
        return started;
    }

    /** Whether no check is running (for tests that wait for a tick's work to finish). */
    boolean isIdle() {
        return watches.values().stream().allMatch(w -> w.nextDue() != null);
    }

    private ReadinessCheckResult check(Watch watch) {
        ReadinessCheck check = watch.check();
        boolean https = "HTTPS".equals(Objects.requireNonNullElse(check.protocol(), "HTTP").toUpperCase(Locale.ROOT));
        String path = check.path() == null || check.path().isEmpty() ? "/" : check.path();
        Duration timeout = Duration.ofSeconds(check.timeoutSeconds() == null || check.timeoutSeconds() < 1
                ? DEFAULT_TIMEOUT_SECONDS : check.timeoutSeconds());
        List<Integer> readyCodes = check.httpStatusCodesForReady() == null || check.httpStatusCodesForReady().isEmpty()
                ? List.of(200) : check.httpStatusCodesForReady();
        try {
            HttpProbe.Response response = http.get(https, watch.host(), watch.port(), path, timeout);
            ReadinessCheckResult.HttpResponse last = Boolean.TRUE.equals(check.preserveLastResponse())
                    ? new ReadinessCheckResult.HttpResponse(response.status(), response.contentType(), response.body())
                    : null;
            return new ReadinessCheckResult(nameOf(check), watch.taskId(), readyCodes.contains(response.status()),
                    last);
        } catch (IOException | RuntimeException e) {
            return new ReadinessCheckResult(nameOf(check), watch.taskId(), false, null);
        }
    }

    private static String nameOf(ReadinessCheck check) {
        return check.name() == null ? "readinessCheck" : check.name();
    }

    private static long intervalSeconds(ReadinessCheck check) {
        return check.intervalSeconds() == null || check.intervalSeconds() < 1
                ? DEFAULT_INTERVAL_SECONDS : check.intervalSeconds();
    }

    /**
     * The position of the port named {@code name} among the app's ports: its port definitions under
     * host networking, else its container port mappings (the order of the instance's host ports).
     */
    static OptionalInt portIndex(App app, String name) {
        List<String> names;
        if (app.portDefinitions() != null && !app.portDefinitions().isEmpty()) {
            names = app.portDefinitions().stream().map(PortDefinition::name).toList();
        } else {
            names = mappings(app.container()).stream().map(PortMapping::name).toList();
        }
        int index = names.indexOf(name);
        return index < 0 ? OptionalInt.empty() : OptionalInt.of(index);
    }

    private static List<PortMapping> mappings(Container container) {
        if (container == null) {
            return List.of();
        }
        if (container.portMappings() != null) {
            return container.portMappings();
        }
        return container.docker() != null && container.docker().portMappings() != null
                ? container.docker().portMappings() : List.of();
    }
}
