package io.mpaas.marathon.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Launch throughput (issue 4): {@code apps} apps of {@code instances} instances each are submitted
 * to marathon, which launches them through the real master onto simulated agents; the clock runs
 * from the first request until marathon's {@code /v2/apps?embed=apps.counts} shows every instance
 * TASK_RUNNING. Each case starts a fresh marathon (fresh database) with its own offer settings
 * against the same master and agents, and removes its apps again at the end (timed as well).
 *
 * <p>Run: {@code scripts/bench-marathon.sh launch [-- --per-offer 5,100 --agents 200 ...]}.
 */
public final class LaunchBenchmark {

    private LaunchBenchmark() {
    }

    /** What one case measured; times are seconds from the first request, CPU in seconds. */
    record Result(int perOffer, String submit, int apps, int instances, double submitted, double firstRunning,
            double halfRunning, double allRunning, double agentsLaunched, double rate, double marathonCpu,
            double masterCpu, double agentsCpu, int[] maxOpenFiles, double killAll) {

        String row() {
            return String.format(Locale.ROOT,
                    "| %d | %s | %,d × %,d | %.2f | %.2f | %.2f | %.2f | **%,.0f** | %.2f | %.1f | %.1f | %.1f"
                            + " | %,d / %,d / %,d | %.2f |",
                    perOffer, submit, apps, instances, submitted, firstRunning, halfRunning, allRunning, rate,
                    agentsLaunched, marathonCpu, masterCpu, agentsCpu, maxOpenFiles[0], maxOpenFiles[1],
                    maxOpenFiles[2], killAll);
        }

        static String header() {
            return "| instances per offer | submitted as | apps × instances | request(s) done (s) | first RUNNING (s)"
                    + " | half RUNNING (s) | all RUNNING (s) | instances/s | all launched at agents (s)"
                    + " | CPU marathon (s) | CPU master (s) | CPU agents (s) | max open files marathon / master / agents"
                    + " | all killed (s) |\n"
                    + "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|";
        }
    }

    public static void main(String[] args) throws Exception {
        BenchArguments options = BenchArguments.of(args, "--agents", "--apps", "--instances", "--per-offer",
                "--submit", "--allocation-interval", "--agent-resources", "--cpus", "--mem", "--runs",
                "--unused-refuse", "--agent-connections");
        int agents = options.integer("--agents", 200);
        int apps = options.integer("--apps", 100);
        int instances = options.integer("--instances", 100);
        List<Integer> perOffer = options.integers("--per-offer", "5,100");
        String submit = options.string("--submit", "group");
        Duration interval = options.duration("--allocation-interval", "1s");
        String resources = options.string("--agent-resources", "cpus:64;mem:262144;disk:1000000;ports:[31000-32000]");
        int runs = options.integer("--runs", 1);
        int agentConnections = options.integer("--agent-connections", 2);
        AppBatch batch = new AppBatch(apps, instances, options.decimal("--cpus", 0.1), options.decimal("--mem", 32));
        List<String> marathonProperties = new ArrayList<>(List.of(
                "--marathon.launch.unused-refuse=" + options.string("--unused-refuse", "1s")));

        System.out.printf(Locale.ROOT, "%d simulated agents (%s, calls over at most %d connections each), master"
                + " allocation interval %d ms, %d cores%n%n", agents, resources, agentConnections, interval.toMillis(),
                Runtime.getRuntime().availableProcessors());
        List<Result> results = new ArrayList<>();
        try (SimulatedCluster cluster = SimulatedCluster.start(agents, resources, agentConnections, interval)) {
            int run = 0;
            for (int i = 0; i < runs; i++) {
                for (int n : perOffer) {
                    List<String> properties = new ArrayList<>(marathonProperties);
                    properties.add("--marathon.offer.max-instances-per-offer=" + n);
                    Result result = measure(cluster, properties, batch, n, submit, "/bench-" + (++run));
                    results.add(result);
                    System.out.println(Result.header());
                    System.out.println(result.row());
                    System.out.println();
                }
            }
        }
        System.out.println(Result.header());
        results.forEach(r -> System.out.println(r.row()));
    }

    private static Result measure(SimulatedCluster cluster, List<String> properties, AppBatch batch, int perOffer,
            String submit, String groupId) throws Exception {
        try (MarathonUnderTest marathon = MarathonUnderTest.start(cluster.masterUri(), properties)) {
            System.err.println("marathon at " + marathon.uri() + ", master at " + cluster.masterUri());
            // Let the first offers be declined and offers suppressed: the idle state a deployment starts from.
            TimeUnit.SECONDS.sleep(3);
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpu0 = os.getProcessCpuTime();
            Duration master0 = cluster.masterCpu();
            Duration agents0 = cluster.agentsCpu();
            int[] maxOpen = new int[3];
            int total = batch.total();

            long start = System.nanoTime();
            switch (submit) {
                case "group" -> marathon.change("POST", "/v2/groups", batch.groupJson(groupId));
                case "apps" -> {
                    for (String app : batch.appJsons(groupId)) {
                        marathon.change("POST", "/v2/apps", app);
                    }
                }
                default -> throw new IllegalArgumentException("--submit is group or apps, not " + submit);
            }
            long submitted = System.nanoTime();
            long first = 0;
            long half = 0;
            long agentsLaunched = 0;
            long deadline = start + TimeUnit.MINUTES.toNanos(10);
            boolean reported = false;
            while (true) {
                int running = marathon.tasksRunning(groupId);
                long now = System.nanoTime();
                if (agentsLaunched == 0 && cluster.activeTasks() >= total) {
                    agentsLaunched = now;
                }
                int[] open = cluster.openFiles();
                maxOpen[0] = Math.max(maxOpen[0], SimulatedCluster.openFilesOf(ProcessHandle.current().pid()));
                maxOpen[1] = Math.max(maxOpen[1], open[0]);
                maxOpen[2] = Math.max(maxOpen[2], open[1]);
                if (first == 0 && running > 0) {
                    first = now;
                }
                if (half == 0 && running * 2 >= total) {
                    half = now;
                }
                if (running >= total) {
                    break;
                }
                if (!reported && agentsLaunched != 0 && now - agentsLaunched > TimeUnit.SECONDS.toNanos(20)) {
                    reported = true;
                    StuckReport.print(marathon, cluster, groupId);
                }
                if (now > deadline) {
                    throw new IllegalStateException("only " + running + " of " + total + " running after 10 minutes");
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
            long all = System.nanoTime();
            double marathonCpu = (os.getProcessCpuTime() - cpu0) / 1e9;
            double masterCpu = cluster.masterCpu().minus(master0).toMillis() / 1000.0;
            double agentsCpu = cluster.agentsCpu().minus(agents0).toMillis() / 1000.0;
            SimulatedCluster.await("deployment finished", Duration.ofMinutes(2), marathon::idle);

            long killStart = System.nanoTime();
            marathon.change("DELETE", "/v2/groups" + groupId + "?force=true", null);
            SimulatedCluster.await("every task killed", Duration.ofMinutes(5), () -> cluster.activeTasks() == 0);
            long killed = System.nanoTime();
            SimulatedCluster.await("removal finished", Duration.ofMinutes(2), marathon::idle);
            return new Result(perOffer, submit, batch.apps(), batch.instances(), seconds(start, submitted),
                    seconds(start, first), seconds(start, half), seconds(start, all),
                    agentsLaunched == 0 ? Double.NaN : seconds(start, agentsLaunched), total / seconds(start, all),
                    marathonCpu, masterCpu, agentsCpu, maxOpen, seconds(killStart, killed));
        }
    }

    private static double seconds(long from, long to) {
        return (to - from) / 1e9;
    }
}
