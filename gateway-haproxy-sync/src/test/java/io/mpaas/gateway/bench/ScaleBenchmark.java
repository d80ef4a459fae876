package io.mpaas.gateway.bench;

import io.mpaas.gateway.haproxy.Validation;
import io.mpaas.gateway.sync.SlotLayout;
import io.mpaas.protocol.gateway.RoutingTable;
import io.mpaas.protocol.marathon.AppInfo;
import io.mpaas.protocol.marathon.MarathonTask;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a big cluster costs the gateway: 1,000 apps of 10 instances (service ports 21000-21999, tasks on
 * 127.0.0.1 at ports nothing listens on, no health checks). Times routing, rendering (with the slot layout
 * the sync would reload with), {@code haproxy -c}, and the whole first sync through {@code GatewaySync} up to
 * a confirmed reload of a real HAProxy; reports the configuration's size and the heap in use afterwards.
 *
 * <p>Arguments: {@code --apps N} (default 1000), {@code --instances N} (10), {@code --runs N} (5, the full
 * sync runs min(3, N) times: each starts a fresh HAProxy).
 */
public final class ScaleBenchmark {

    /**
     * The renderer's default maxconn is (file limit - 200) / 2, which leaves no room for 1,000 listeners:
     * HAProxy then wants more descriptors than the limit and refuses the reload ("Cannot raise FD limit").
     * Until the default counts listeners, this benchmark sets the renderer's own fallback.
     */
    static final int MAXCONN = 4096;
    private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(30);

    private ScaleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchReport.quietLogs();
        int appCount = PropagationBenchmark.intArg(args, "--apps", 1000);
        int instances = PropagationBenchmark.intArg(args, "--instances", 10);
        int runs = PropagationBenchmark.intArg(args, "--runs", 5);
        List<AppInfo> apps = apps(appCount, instances);

        List<Long> builds = new ArrayList<>();
        List<Long> renders = new ArrayList<>();
        List<Long> validations = new ArrayList<>();
        List<Long> syncs = new ArrayList<>();
        String config = null;
        long heapUsed = 0;
        int backends = 0;
        // A gateway that is never started: it only lends its builder, renderer and validation.
        BenchGateway offline = new BenchGateway(null, MAXCONN);
        for (int run = 0; run < runs; run++) {
            RoutingTable table = timed(builds, () -> offline.builder.build(apps));
            backends = table.backends().size();
            var slots = SlotLayout.EMPTY.forReload(table).slots();
            config = timed(renders, () -> offline.renderer.render(table, slots));
            String text = config;
            Validation validation = timed(validations, () -> offline.files.validate(text));
            if (!validation.valid()) {
                throw new IllegalStateException("haproxy -c refused the config: " + validation.output());
            }
        }
        for (int run = 0; run < Math.min(3, runs); run++) {
            try (BenchGateway gateway = new BenchGateway(null, MAXCONN).start()) {
                long start = System.nanoTime();
                gateway.sync.onSnapshot(apps);
                try {
                    BenchGateway.awaitTrue(() -> synced(gateway, appCount), SYNC_TIMEOUT, "first sync not done");
                } catch (IllegalStateException e) {
                    throw new IllegalStateException(e.getMessage() + "; HAProxy said:\n"
                            + String.join("\n", gateway.process.recentOutput()), e);
                }
                syncs.add(System.nanoTime() - start);
                System.gc();
                heapUsed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            }
        }

        BenchReport.printMachine();
        new BenchReport("step", "runs", "median ms", "max ms")
                .row(step("RoutingTableBuilder.build", builds))
                .row(step("HaproxyConfigRenderer.render", renders))
                .row(step("haproxy -c (ConfigFiles.validate)", validations))
                .row(step("first sync: onSnapshot -> reload confirmed", syncs))
                .print();
        new BenchReport("size", "value")
                .row("apps x instances", appCount + " x " + instances + " = " + appCount * instances + " tasks")
                .row("backends", backends)
                .row("config bytes", config.getBytes(StandardCharsets.UTF_8).length)
                .row("config lines", config.lines().count())
                .row("maxconn (set, see MAXCONN)", MAXCONN)
                .row("heap used after sync (MB, after System.gc())", heapUsed / (1024 * 1024))
                .print();
    }

    private static boolean synced(BenchGateway gateway, int appCount) {
        var status = gateway.sync.status();
        return status.synced() && status.reloads() >= 1 && status.lastReload() != null
                && status.lastReload().confirmed() && status.routed().backends().size() >= appCount;
    }

    static List<AppInfo> apps(int count, int instances) {
        List<AppInfo> apps = new ArrayList<>(count);
        for (int a = 0; a < count; a++) {
            String id = "/scale/app-" + a;
            List<MarathonTask> tasks = new ArrayList<>(instances);
            for (int t = 0; t < instances; t++) {
                tasks.add(BenchApps.task(id, BenchApps.taskId(id, t), 40000 + (a * instances + t) % 20000,
                        "TASK_RUNNING"));
            }
            apps.add(BenchApps.http(id, 21000 + a, tasks));
        }
        return apps;
    }

    private static <T> T timed(List<Long> samples, Supplier<T> work) {
        long start = System.nanoTime();
        T result = work.get();
        samples.add(System.nanoTime() - start);
        return result;
    }

    private static Object[] step(String name, List<Long> samples) {
        return new Object[] {name, samples.size(), BenchReport.ms(BenchReport.median(samples)),
            BenchReport.percentileMs(samples, 100)};
    }
}
