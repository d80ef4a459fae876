package io.mpaas.marathon.bench;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * {@code GET /v2/apps?embed=apps.tasks} with many apps and instances (issue 4): {@code apps} apps of
 * {@code instances} instances are launched for real (master, simulated agents, marathon as in
 * {@link LaunchBenchmark}); once all run and nothing deploys, each URL is requested sequentially over
 * HTTP, after warm-up requests, and the latency and body size reported, with the CPU time this JVM
 * (marathon and the client, which only counts the bytes) spent per request: on a machine shared with
 * other work the latency depends on the load, the CPU time much less.
 *
 * <p>Run: {@code scripts/bench-marathon.sh api [-- --apps 1000 --instances 10 --requests 50]};
 * {@code --jfr target/api.jfr} records a JFR profile of the requests only; {@code --hold 300} keeps
 * everything running that long afterwards, for requests by hand.
 */
public final class ApiReadBenchmark {

    private ApiReadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchArguments options = BenchArguments.of(args, "--agents", "--apps", "--instances", "--requests",
                "--warmup", "--agent-connections", "--jfr", "--hold", "--urls");
        int agents = options.integer("--agents", 200);
        AppBatch batch = new AppBatch(options.integer("--apps", 1000), options.integer("--instances", 10), 0.1, 32);
        int requests = options.integer("--requests", 50);
        int warmup = options.integer("--warmup", 20);
        List<String> urls = List.of(options.string("--urls",
                "/v2/apps?embed=apps.tasks,/v2/apps?embed=apps.counts,/v2/apps,/v2/tasks").split(","));

        System.out.printf(Locale.ROOT, "%,d apps × %,d instances on %d simulated agents; %d requests per URL after"
                + " %d warm-up requests, one at a time; %d cores%n%n", batch.apps(), batch.instances(), agents,
                requests, warmup, Runtime.getRuntime().availableProcessors());
        try (SimulatedCluster cluster = SimulatedCluster.start(agents,
                "cpus:64;mem:262144;disk:1000000;ports:[31000-32000]", options.integer("--agent-connections", 1),
                Duration.ofSeconds(1));
                MarathonUnderTest marathon = MarathonUnderTest.start(cluster.masterUri(),
                        List.of("--marathon.offer.max-instances-per-offer=100"))) {
            long start = System.nanoTime();
            marathon.change("POST", "/v2/groups", batch.groupJson("/api"));
            SimulatedCluster.await("all " + batch.total() + " instances running", Duration.ofMinutes(15),
                    () -> marathon.tasksRunning("/api") >= batch.total());
            SimulatedCluster.await("the deployment finished", Duration.ofMinutes(2), marathon::idle);
            System.out.printf(Locale.ROOT, "(all %,d running %.0f s after the request)%n%n", batch.total(),
                    (System.nanoTime() - start) / 1e9);
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            // After a launch of this size the JVM is busy for a while (garbage collection, compilation): settle.
            ThreadCpu settling = new ThreadCpu();
            TimeUnit.SECONDS.sleep(30);
            System.err.println("while settling: " + settling.busiest(6));
            long idleCpu0 = os.getProcessCpuTime();
            long idleStart = System.nanoTime();
            TimeUnit.SECONDS.sleep(10);
            System.out.printf(Locale.ROOT, "(idle, after 30 s to settle, this JVM used %.1f %% of one core: marathon's"
                    + " timers over the %,d instances)%n%n", 100.0 * (os.getProcessCpuTime() - idleCpu0)
                    / (System.nanoTime() - idleStart), batch.total());
            String jfr = options.string("--jfr", "");
            Recording recording = jfr.isEmpty() ? null : new Recording(Configuration.getConfiguration("profile"));
            if (recording != null) {
                recording.setDestination(Path.of(jfr));
                recording.start();
            }
            System.out.println("| request | body | median | p90 | p99 | max | CPU per request |");
            System.out.println("|---|---:|---:|---:|---:|---:|---:|");
            for (String url : urls) {
                for (int i = 0; i < warmup; i++) {
                    get(marathon, url);
                }
                List<Double> millis = new ArrayList<>();
                long bytes = 0;
                long cpu0 = os.getProcessCpuTime();
                for (int i = 0; i < requests; i++) {
                    long t0 = System.nanoTime();
                    bytes = get(marathon, url);
                    millis.add((System.nanoTime() - t0) / 1e6);
                    TimeUnit.MILLISECONDS.sleep(20);
                }
                double cpuMillis = (os.getProcessCpuTime() - cpu0) / 1e6 / requests;
                List<Double> sorted = millis.stream().sorted().toList();
                System.out.printf(Locale.ROOT, "| `GET %s` | %.1f MB | %.0f ms | %.0f ms | %.0f ms | %.0f ms | %.0f ms |%n",
                        url, bytes / 1e6, percentile(sorted, 50), percentile(sorted, 90), percentile(sorted, 99),
                        sorted.getLast(), cpuMillis);
            }
            if (recording != null) {
                recording.stop();
                recording.close();
            }
            int hold = options.integer("--hold", 0);
            if (hold > 0) {
                System.err.println("holding marathon at " + marathon.uri() + " for " + hold + " s");
                TimeUnit.SECONDS.sleep(hold);
            }
        }
    }

    /**
     * Sends one GET and reads the whole body, counting its bytes without decoding them (the client
     * shares the cores with marathon); returns its size.
     */
    private static long get(MarathonUnderTest marathon, String url) throws Exception {
        HttpResponse<InputStream> response = marathon.stream(url);
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + url + " answered " + response.statusCode());
            }
            return body.transferTo(OutputStream.nullOutputStream());
        }
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(List<Double> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }
}
