package io.mpaas.marathon.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * Launch throughput (issue 4): {@code apps} apps of {@code instances} instances each are submitted
 * to marathon, which launches them through the real master onto simulated agents; the clock runs
 * from the first request until marathon's {@code /v2/apps?embed=apps.counts} shows every instance
 * TASK_RUNNING. Each case starts a fresh marathon (fresh database) with its own offer settings
 * against the same master and agents, warms it up with a smaller launch (the JIT compiles the hot
 * paths; a long-running marathon is warm), then measures, then removes the apps again (timed too).
 *
 * <p>Run: {@code scripts/bench-marathon.sh launch [-- --per-offer 5,100 --agents 200 ...]};
 * {@code --jfr target/launch-{run}.jfr} records a JFR profile of each measured launch (not the warm-up),
 * in marathon, and in the master and the agents' process ({@code launch-{run}-master.jfr},
 * {@code launch-{run}-agents.jfr}).
 */
public final class LaunchBenchmark {

    private LaunchBenchmark() {
    }

    /** What one case measured; times are seconds from the first request, CPU in seconds. */
    record Result(int perOffer, String submit, int apps, int instances, double submitted, double firstRunning,
            double halfRunning, double allRunning, double agentsLaunched, double rate, double marathonCpu,
            double pollingCpu, double masterCpu, double agentsCpu, double databaseCpu, int[] maxOpenFiles,
            double killAll) {

        String row() {
            int total = apps * instances;
            return String.format(Locale.ROOT,
                    "| %d | %s | %,d × %,d | %.2f | %.2f | %.2f | %.2f | **%,.0f** | %.2f | %.1f (%.1f) | %.1f | %.1f"
                            + " | %.1f | %.2f / %.2f / %.2f | %,d / %,d / %,d | %.2f |",
                    perOffer, submit, apps, instances, submitted, firstRunning, halfRunning, allRunning, rate,
                    agentsLaunched, marathonCpu, pollingCpu, masterCpu, agentsCpu, databaseCpu,
                    perInstance(marathonCpu - pollingCpu, total), perInstance(masterCpu, total),
                    perInstance(agentsCpu, total), maxOpenFiles[0], maxOpenFiles[1], maxOpenFiles[2], killAll);
        }

        private static double perInstance(double seconds, int total) {
            return seconds * 1000 / total;
        }

        static String header() {
            return "| instances per offer | submitted as | apps × instances | request(s) done (s) | first RUNNING (s)"
                    + " | half RUNNING (s) | all RUNNING (s) | instances/s | all launched at agents (s)"
                    + " | CPU marathon (s) (of it polling) | CPU master (s) | CPU agents (s) | CPU PostgreSQL (s)"
                    + " | CPU per instance, ms: marathon w/o polling / master / agents"
                    + " | max open files marathon / master / agents | all killed (s) |\n"
                    + "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|";
        }
    }

    public static void main(String[] args) throws Exception {
        BenchArguments options = BenchArguments.of(args, "--agents", "--apps", "--instances", "--per-offer",
                "--submit", "--allocation-interval", "--agent-resources", "--cpus", "--mem", "--runs",
                "--unused-refuse", "--agent-connections", "--warmup-apps", "--jfr");
        int agents = options.integer("--agents", 200);
        int apps = options.integer("--apps", 100);
        int instances = options.integer("--instances", 100);
        List<Integer> perOffer = options.integers("--per-offer", "5,100");
        String submit = options.string("--submit", "group");
        Duration interval = options.duration("--allocation-interval", "1s");
        String resources = options.string("--agent-resources", "cpus:64;mem:262144;disk:1000000;ports:[31000-32000]");
        int runs = options.integer("--runs", 1);
        int agentConnections = options.integer("--agent-connections", 1);
        AppBatch batch = new AppBatch(apps, instances, options.decimal("--cpus", 0.1), options.decimal("--mem", 32));
        AppBatch warmup = new AppBatch(options.integer("--warmup-apps", 20), instances, batch.cpus(), batch.mem());
        List<String> marathonProperties = new ArrayList<>(List.of(
                "--marathon.launch.unused-refuse=" + options.string("--unused-refuse", "1s")));

        System.out.printf(Locale.ROOT, "%d simulated agents (%s, calls over at most %d connections each), master"
                + " allocation interval %d ms, warm-up launch of %,d instances, %d cores%n%n", agents, resources,
                agentConnections, interval.toMillis(), warmup.total(), Runtime.getRuntime().availableProcessors());
        List<Result> results = new ArrayList<>();
        try (SimulatedCluster cluster = SimulatedCluster.start(agents, resources, agentConnections, interval)) {
            int run = 0;
            for (int i = 0; i < runs; i++) {
                for (int n : perOffer) {
                    List<String> properties = new ArrayList<>(marathonProperties);
                    properties.add("--marathon.offer.max-instances-per-offer=" + n);
                    run++;
                    try (MarathonUnderTest marathon = MarathonUnderTest.start(cluster.masterUri(), properties)) {
                        System.err.println("marathon at " + marathon.uri() + ", master at " + cluster.masterUri());
                        if (warmup.total() > 0) {
                            launch(cluster, marathon, warmup, "group", "/warmup-" + run);
                            remove(cluster, marathon, "/warmup-" + run);
                        }
                        // Let offers be declined and suppressed: the idle state a deployment starts from.
                        TimeUnit.SECONDS.sleep(3);
                        String jfr = options.string("--jfr", "");
                        Recording recording = jfr.isEmpty() ? null
                                : new Recording(Configuration.getConfiguration("profile"));
                        if (recording != null) {
                            recording.setDestination(Path.of(jfr.replace("{run}", Integer.toString(run))));
                            recording.start();
                            cluster.startRecordings();
                        }
                        Launch launch = launch(cluster, marathon, batch, submit, "/bench-" + run);
                        if (recording != null) {
                            recording.stop();
                            recording.close();
                            cluster.stopRecordings(jfr.replace("{run}", Integer.toString(run)));
                        }
                        double killAll = remove(cluster, marathon, "/bench-" + run);
                        Result result = launch.result(n, submit, batch, killAll);
                        results.add(result);
                        System.out.println(Result.header());
                        System.out.println(result.row());
                        System.out.println();
                    }
                }
            }
        }
        System.out.println(Result.header());
        results.forEach(r -> System.out.println(r.row()));
    }

    /**
     * Timings of one launch, in seconds from the first request. {@code pollingCpu} is the part of
     * marathon's CPU (this JVM's) estimated to have gone to the benchmark's own polls: their number
     * times the CPU of one poll, measured after the launch with every instance running.
     */
    private record Launch(double submitted, double first, double half, double all, double agents, int total,
            double marathonCpu, double pollingCpu, double masterCpu, double agentsCpu, double databaseCpu,
            int[] maxOpen) {

        Result result(int perOffer, String submit, AppBatch batch, double killAll) {
            return new Result(perOffer, submit, batch.apps(), batch.instances(), submitted, first, half, all, agents,
                    total / all, marathonCpu, pollingCpu, masterCpu, agentsCpu, databaseCpu, maxOpen, killAll);
        }
    }

    private static Launch launch(SimulatedCluster cluster, MarathonUnderTest marathon, AppBatch batch, String submit,
            String groupId) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        ThreadCpu threadCpu = new ThreadCpu();
        Duration master0 = cluster.masterCpu();
        Duration agents0 = cluster.agentsCpu();
        DatabaseCpu databaseCpu = new DatabaseCpu(List.of(marathon.databaseName(), cluster.masterDatabaseName()));
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
        int polls = 0;
        long lastOpenFiles = 0;
        while (true) {
            int running = marathon.tasksRunning(groupId);
            polls++;
            long now = System.nanoTime();
            if (agentsLaunched == 0 && cluster.activeTasks() >= total) {
                agentsLaunched = now;
            }
            if (now - lastOpenFiles >= TimeUnit.SECONDS.toNanos(1)) {
                // Once a second: listing three processes' descriptors is work done in marathon's JVM.
                lastOpenFiles = now;
                int[] open = cluster.openFiles();
                maxOpen[0] = Math.max(maxOpen[0], SimulatedCluster.openFilesOf(ProcessHandle.current().pid()));
                maxOpen[1] = Math.max(maxOpen[1], open[0]);
                maxOpen[2] = Math.max(maxOpen[2], open[1]);
            }
            if (first == 0 && running > 0) {
                first = now;
            }
            if (half == 0 && running * 2 >= total) {
                half = now;
            }
            if (running >= total) {
                break;
            }
            if (!reported && agentsLaunched != 0 && now - agentsLaunched > TimeUnit.SECONDS.toNanos(60)) {
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
        System.err.println(groupId + ": marathon's busiest threads during the launch: " + threadCpu.busiest(8));
        double masterCpu = cluster.masterCpu().minus(master0).toMillis() / 1000.0;
        double agentsCpu = cluster.agentsCpu().minus(agents0).toMillis() / 1000.0;
        SimulatedCluster.await("deployment finished", Duration.ofMinutes(2), marathon::idle);
        double pollingCpu = polls * cpuPerPoll(marathon, groupId);
        return new Launch(seconds(start, submitted), seconds(start, first), seconds(start, half), seconds(start, all),
                agentsLaunched == 0 ? Double.NaN : seconds(start, agentsLaunched), total, marathonCpu, pollingCpu,
                masterCpu, agentsCpu, databaseCpu.seconds(), maxOpen);
    }

    /**
     * This JVM's CPU seconds per poll of the running count (marathon answering and the benchmark reading),
     * with every instance running, as at the end of a launch: ten rounds of five polls 100 ms apart, each
     * round after as long without polls, whose CPU (the JVM's idle work, still settling after the launch)
     * is taken off. An estimate: a poll during a launch competes with the scheduler and may cost more.
     */
    private static double cpuPerPoll(MarathonUnderTest marathon, String groupId) throws InterruptedException {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        int rounds = 10;
        int pollsPerRound = 5;
        double busy = 0;
        for (int round = 0; round < rounds; round++) {
            long idleStart = System.nanoTime();
            long idleCpu0 = os.getProcessCpuTime();
            TimeUnit.MILLISECONDS.sleep(pollsPerRound * 100L);
            double idlePerNano = (double) (os.getProcessCpuTime() - idleCpu0) / (System.nanoTime() - idleStart);
            long start = System.nanoTime();
            long cpu0 = os.getProcessCpuTime();
            for (int i = 0; i < pollsPerRound; i++) {
                marathon.tasksRunning(groupId);
                TimeUnit.MILLISECONDS.sleep(100);
            }
            busy += os.getProcessCpuTime() - cpu0 - idlePerNano * (System.nanoTime() - start);
        }
        return Math.max(0, busy) / 1e9 / (rounds * pollsPerRound);
    }

    /** Deletes the group and returns the seconds until the agents run none of its tasks. */
    private static double remove(SimulatedCluster cluster, MarathonUnderTest marathon, String groupId)
            throws Exception {
        long start = System.nanoTime();
        marathon.change("DELETE", "/v2/groups" + groupId + "?force=true", null);
        SimulatedCluster.await("every task killed", Duration.ofMinutes(5), () -> cluster.activeTasks() == 0);
        long killed = System.nanoTime();
        SimulatedCluster.await("removal finished", Duration.ofMinutes(2), marathon::idle);
        return seconds(start, killed);
    }

    private static double seconds(long from, long to) {
        return (to - from) / 1e9;
    }
}
