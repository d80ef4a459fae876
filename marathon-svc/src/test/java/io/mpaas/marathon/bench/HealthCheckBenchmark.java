package io.mpaas.marathon.bench;

import io.mpaas.marathon.app.MarathonTime;
import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.framework.MesosCalls;
import io.mpaas.marathon.group.RootGroup;
import io.mpaas.marathon.health.HealthChecker;
import io.mpaas.marathon.health.HealthProperties;
import io.mpaas.marathon.health.MarathonHealthChecks;
import io.mpaas.marathon.health.SocketProbe;
import io.mpaas.marathon.instance.AgentInfo;
import io.mpaas.marathon.instance.Condition;
import io.mpaas.marathon.instance.Instance;
import io.mpaas.marathon.instance.InstanceTracker;
import io.mpaas.marathon.instance.TaskFailures;
import io.mpaas.marathon.launch.LaunchDelays;
import io.mpaas.marathon.scheduler.InstanceUpdates;
import io.mpaas.marathon.scheduler.KillService;
import io.mpaas.marathon.scheduler.SchedulerLoop;
import io.mpaas.marathon.store.InMemoryInstanceRepository;
import io.mpaas.marathon.store.InMemoryLaunchDelayRepository;
import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.HealthCheck;
import io.mpaas.protocol.mesos.Offer;
import io.mpaas.protocol.mesos.OfferId;
import io.mpaas.protocol.mesos.TaskStatus;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.util.unit.DataSize;

/**
 * Marathon-run HTTP health checks at scale (issue 4): {@code instances} RUNNING instances (spread
 * over {@code apps} apps, each with one HTTP check every {@code interval}) point at a few HTTP servers
 * in a child process ({@link HealthTargets}); the real {@link MarathonHealthChecks} loop,
 * {@link HealthChecker} with the production {@link SocketProbe}, and the scheduler's
 * {@link KillService} as the sink (results land on the instances through the scheduler loop, as in
 * the service) run for {@code seconds}. Reported: checks run and full rounds, how far behind schedule
 * the checks were at worst, skipped runs, and the CPU time of this JVM (marathon's checking) and of
 * the servers' process as a share of the wall time, measured after a warm-up.
 *
 * <p>Run: {@code scripts/bench-marathon.sh health [-- --instances 10000 --seconds 60 --servers 8]}.
 */
public final class HealthCheckBenchmark {

    private HealthCheckBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchArguments options = BenchArguments.of(args, "--instances", "--apps", "--servers", "--seconds",
                "--interval", "--max-concurrent", "--warmup");
        int total = options.integer("--instances", 10_000);
        int apps = options.integer("--apps", 100);
        int servers = options.integer("--servers", 8);
        int seconds = options.integer("--seconds", 60);
        int interval = options.integer("--interval", 10);
        int warmup = options.integer("--warmup", 15);
        HealthProperties properties = new HealthProperties(options.integer("--max-concurrent", 256),
                Duration.ofSeconds(1), Duration.ofSeconds(5), DataSize.ofKilobytes(64));

        Process targets = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), HealthTargets.class.getName(),
                Integer.toString(servers)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Runtime.getRuntime().addShutdownHook(new Thread(targets::destroyForcibly));
        BufferedReader targetOut = new BufferedReader(new InputStreamReader(targets.getInputStream(),
                StandardCharsets.UTF_8));
        List<Integer> ports = new ArrayList<>();
        for (String port : targetOut.readLine().split(" ")) {
            ports.add(Integer.parseInt(port));
        }

        Clock clock = Clock.systemUTC();
        Instant version = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        AtomicReference<RootGroup> root = new AtomicReference<>(RootGroup.empty(version));
        InstanceTracker tracker = new InstanceTracker();
        for (int a = 0; a < apps; a++) {
            PathId appId = PathId.of(String.format(Locale.ROOT, "/health/app-%03d", a));
            App app = new App.Builder().id(appId.toString()).cmd("sleep 1000").instances(total / apps)
                    .version(MarathonTime.format(version))
                    .healthChecks(List.of(new HealthCheck("HTTP", "/health", 0, null, null, 300, interval, 5, 3,
                            false, null, null)))
                    .build();
            root.set(root.get().putApp(appId, app));
            for (int i = a; i < total; i += apps) {
                int port = ports.get(i % ports.size());
                Instance scheduled = Instance.scheduled(appId, version, version);
                Instance running = scheduled.provisioned(scheduled.instanceId() + "._app.1", 1,
                        AgentInfo.plain("agent-" + (i % 200), "127.0.0.1"), List.of(port), List.of(), "*", version)
                        .withStatus(Condition.RUNNING, version, version, null, List.of("127.0.0.1"), null, null);
                tracker.put(running);
            }
        }

        CountingEvents events = new CountingEvents();
        LaunchDelays delays = new LaunchDelays(new InMemoryLaunchDelayRepository());
        SchedulerLoop loop = new SchedulerLoop(new InMemoryInstanceRepository(), delays);
        loop.start();
        InstanceUpdates updates = new InstanceUpdates(tracker, delays, new TaskFailures(), root::get, new NoMesos(),
                events, clock);
        KillService sink = new KillService(loop, tracker, updates, delays, root::get, events, clock);
        HealthChecker checker = new HealthChecker(tracker, new SocketProbe(), sink, events, clock, properties);
        MarathonHealthChecks checks = new MarathonHealthChecks(root::get, checker, clock, properties);

        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        checks.start();
        // The first checks run 5 s after the start; the JIT compiles the probe path in the first rounds.
        TimeUnit.SECONDS.sleep(warmup);
        long cpu0 = os.getProcessCpuTime();
        Duration targetsCpu0 = cpuOf(targets);
        long checks0 = checker.checksRun();
        long skipped0 = checks.skippedRuns();
        long failures0 = checker.failures();
        long start = System.nanoTime();
        Duration worstBehind = Duration.ZERO;
        int maxInFlight = 0;
        while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(seconds)) {
            TimeUnit.MILLISECONDS.sleep(100);
            worstBehind = checks.behindSchedule().compareTo(worstBehind) > 0 ? checks.behindSchedule() : worstBehind;
            maxInFlight = Math.max(maxInFlight, checker.probesInFlight());
        }
        double wall = (System.nanoTime() - start) / 1e9;
        double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
        double targetsCpu = cpuOf(targets).minus(targetsCpu0).toMillis() / 1000.0;
        long checksRun = checker.checksRun() - checks0;
        long skipped = checks.skippedRuns() - skipped0;
        long failures = checker.failures() - failures0;
        checks.stop();
        loop.close();
        PrintWriter targetIn = new PrintWriter(targets.getOutputStream(), true, StandardCharsets.UTF_8);
        targetIn.close();
        String answered = targetOut.readLine();
        targets.waitFor(10, TimeUnit.SECONDS);

        double expectedRounds = wall / interval;
        System.out.printf(Locale.ROOT, "%,d instances in %d apps, one HTTP check each every %d s (timeout 5 s),"
                + " %d servers in a child process, max %d probes in flight; measured for %.0f s after %d s of warm-up;"
                + " %d cores%n%n", total, apps, interval, servers, properties.maxConcurrent(), wall, warmup,
                Runtime.getRuntime().availableProcessors());
        System.out.println("| checks run | full rounds (expected) | checks/s | most behind schedule | skipped runs"
                + " | failed checks | max probes in flight | CPU checking (share of one core) | CPU servers"
                + " (share of one core) |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        System.out.printf(Locale.ROOT, "| %,d | %.1f (%.1f) | %,.0f | %d ms | %d | %d | %d | %.1f s (%.1f %%)"
                        + " | %.1f s (%.1f %%) |%n", checksRun, checksRun / (double) total, expectedRounds,
                checksRun / wall, worstBehind.toMillis(), skipped, failures, maxInFlight, cpu, 100 * cpu / wall,
                targetsCpu, 100 * targetsCpu / wall);
        System.out.println();
        System.out.println("(requests the servers answered: " + answered + ")");
    }

    private static Duration cpuOf(Process process) {
        return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** Health checks kill nothing here (every instance is healthy); any call is ignored. */
    private static final class NoMesos implements MesosCalls {
        @Override
        public void accept(OfferId offerId, List<Offer.Operation> operations, double refuseSeconds) {
        }

        @Override
        public void decline(List<OfferId> offerIds, double refuseSeconds) {
        }

        @Override
        public void kill(String taskId, String agentId) {
        }

        @Override
        public void acknowledge(TaskStatus status) {
        }

        @Override
        public void reconcile(List<TaskRef> tasks) {
        }

        @Override
        public void revive() {
        }

        @Override
        public void suppress() {
        }
    }
}
