package io.mpaas.gateway.bench;

import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.AppInfo;
import io.mpaas.protocol.marathon.HealthCheck;
import io.mpaas.protocol.marathon.MarathonTask;
import io.mpaas.protocol.marathon.event.HealthStatusChangedEvent;
import io.mpaas.protocol.marathon.event.StatusUpdateEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * How fast a task's news reaches HAProxy (issue 5's target: p99 at most 200 ms). One HTTP app {@code /bench}
 * with one base task; then, 100 times, a new task starts (marathon's state shows it running, then its
 * {@code status_update_event TASK_RUNNING} is pushed) and is killed ({@code TASK_KILLED}, gone from the
 * state). Each is timed from the push until {@code show servers state} shows the task's port UP, respectively
 * in maintenance: everything in between is real (SSE, the app read back, routing, the runtime API).
 *
 * <p>Arguments: {@code --changes N} (default 200, half of each kind); {@code --health}: the app has an HTTP health
 * check, a new task is first reported running but unchecked (not routed), and is timed from the
 * {@code health_status_changed_event} that says it passed.
 */
public final class PropagationBenchmark {

    private static final String APP = "/bench";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private PropagationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchReport.quietLogs();
        int changes = intArg(args, "--changes", 200);
        boolean health = java.util.Arrays.asList(args).contains("--health");
        List<Long> routed = new ArrayList<>();
        List<Long> unrouted = new ArrayList<>();
        int servicePort = BenchGateway.freePort();
        try (BenchMarathon marathon = new BenchMarathon();
                BenchBackend base = new BenchBackend();
                BenchGateway gateway = new BenchGateway(marathon)) {
            List<MarathonTask> tasks = new ArrayList<>();
            tasks.add(task(BenchApps.taskId(APP, 0), base.port(), health));
            marathon.app(app(servicePort, tasks, health));
            gateway.start();
            String backend = gateway.awaitBackend(APP, TIMEOUT);
            BenchGateway.awaitTrue(() -> gateway.routes(backend, base.port()), TIMEOUT, "base task not routed");
            BenchGateway.awaitTrue(() -> marathon.openStreams() > 0, TIMEOUT, "the feed opened no event stream");
            for (int n = 1; n <= changes / 2; n++) {
                try (BenchBackend task = new BenchBackend()) {
                    String id = BenchApps.taskId(APP, n);
                    long start;
                    if (health) {
                        // Running but not yet checked: marathon reports it, the gateway must not route it.
                        tasks.add(BenchApps.task(APP, id, task.port(), "TASK_RUNNING"));
                        marathon.app(app(servicePort, tasks, true));
                        marathon.push(event(id, "TASK_RUNNING", task.port()));
                        tasks.set(tasks.size() - 1, task(id, task.port(), true));
                        marathon.app(app(servicePort, tasks, true));
                        start = System.nanoTime();
                        marathon.push(new HealthStatusChangedEvent(APP, id, "2026-01-01T00:00:00.000Z", true,
                                Instant.now().toString()));
                    } else {
                        tasks.add(task(id, task.port(), false));
                        marathon.app(app(servicePort, tasks, false));
                        start = System.nanoTime();
                        marathon.push(event(id, "TASK_RUNNING", task.port()));
                    }
                    BenchGateway.awaitTrue(() -> gateway.routes(backend, task.port()), TIMEOUT,
                            "task " + id + " not routed");
                    routed.add(System.nanoTime() - start);

                    tasks.removeLast();
                    marathon.app(app(servicePort, tasks, health));
                    start = System.nanoTime();
                    marathon.push(event(id, "TASK_KILLED", task.port()));
                    BenchGateway.awaitTrue(() -> gateway.unroutes(backend, task.port()), TIMEOUT,
                            "killed task " + id + " still routed");
                    unrouted.add(System.nanoTime() - start);
                }
            }
            BenchReport.printMachine();
            new BenchReport("change", "samples", "median ms", "p90 ms", "p99 ms", "max ms")
                    .row(row("healthy -> routed", routed))
                    .row(row("killed -> not routed", unrouted))
                    .print();
            new BenchReport("gateway", "value")
                    .row("announced by", health ? "health_status_changed_event (app with an HTTP health check)"
                            : "status_update_event TASK_RUNNING (app without health checks)")
                    .row("reloads", gateway.sync.status().reloads())
                    .row("runtime commands", gateway.sync.status().runtimeCommands())
                    .row("target", "p99 <= 200 ms")
                    .print();
        }
    }

    private static Object[] row(String name, List<Long> samples) {
        return new Object[] {name, samples.size(), BenchReport.ms(BenchReport.median(samples)),
            BenchReport.percentileMs(samples, 90), BenchReport.percentileMs(samples, 99),
            BenchReport.percentileMs(samples, 100)};
    }

    /** The app, with an HTTP health check (which HAProxy runs too) when {@code health}. */
    private static AppInfo app(int servicePort, List<MarathonTask> tasks, boolean health) {
        AppInfo plain = BenchApps.http(APP, servicePort, tasks);
        if (!health) {
            return plain;
        }
        App checked = plain.app().toBuilder().healthChecks(List.of(new HealthCheck("HTTP", "/", 0, null, null, 300,
                1, 2, 3, false, null, null))).build();
        return new AppInfo(checked, null, null, null, null, List.of(), List.of(), plain.tasks(), null, null);
    }

    /** A running task; with {@code health}, one whose health check passed. */
    private static MarathonTask task(String id, int port, boolean health) {
        MarathonTask t = BenchApps.task(APP, id, port, "TASK_RUNNING");
        if (!health) {
            return t;
        }
        return new MarathonTask(t.id(), t.appId(), t.host(), t.slaveId(), t.state(), t.stagedAt(), t.startedAt(),
                t.version(), t.ports(), t.servicePorts(), t.ipAddresses(), List.of(new MarathonTask.HealthCheckResult(
                        true, 0, t.startedAt(), t.startedAt(), null, null, id)), t.localVolumes(), t.role());
    }

    static StatusUpdateEvent event(String taskId, String status, int port) {
        return new StatusUpdateEvent("agent-1", taskId, status, "", APP, BenchApps.HOST, List.of(), List.of(port),
                "2026-01-01T00:00:00.000Z", Instant.now().toString());
    }

    static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
