package io.mpaas.master.bench;

import io.mpaas.protocol.mesos.client.MasterLocator;
import io.mpaas.testkit.agent.SimulatedAgent;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What each agent's link costs the master in heap: the real master jar (local mode, embedded registry) with N
 * simulated agents linked over the real agent link (one long-lived HTTP stream each, pinged by the master), heap
 * used after a full GC ({@code jcmd GC.run}, then {@code GC.heap_info}) with no agent and with N, divided by N.
 * {@code --histogram} also prints the classes whose instances grew most, to see where the bytes are;
 * {@code --heap-dump FILE} writes the master's heap (HPROF, live objects) with the agents linked, for a closer look.
 *
 * <p>Usage: {@code scripts/bench-master.sh links -- --agents 2000,5000 [--histogram] [--top 15] [--heap-dump FILE]}.
 */
public final class LinkMemoryBenchmark {

    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    public static void main(String[] args) throws Exception {
        List<Integer> counts = new ArrayList<>();
        for (String n : arg(args, "--agents", "2000,5000").split(",")) {
            counts.add(Integer.parseInt(n.strip()));
        }
        boolean histogram = List.of(args).contains("--histogram");
        int heapMb = Integer.parseInt(arg(args, "--master-heap-mb", "3072"));
        int top = Integer.parseInt(arg(args, "--top", "15"));
        String heapDump = arg(args, "--heap-dump", null);
        System.out.println("| agents linked | master heap used after GC (MiB) | per link (KB) |");
        System.out.println("|---:|---:|---:|");
        for (int count : counts) {
            try (Run run = new Run(heapMb)) {
                long before = run.heapUsedKb();
                String histogramBefore = histogram ? run.jcmd("GC.class_histogram") : "";
                run.link(count);
                long after = run.heapUsedKb();
                System.out.printf(Locale.ROOT, "| %,d | %.0f | %.1f |%n", count, after / 1024.0,
                        (after - before) / (double) count);
                if (histogram) {
                    Histograms.printGrowth(histogramBefore, run.jcmd("GC.class_histogram"), count, top);
                }
                if (heapDump != null) {
                    // One file per count: jcmd refuses to overwrite.
                    String file = counts.size() == 1 ? heapDump
                            : heapDump.replaceFirst("(\\.hprof)?$", "-" + count + ".hprof");
                    run.jcmd("GC.heap_dump", Path.of(file).toAbsolutePath().toString());
                }
            }
        }
    }

    private static String arg(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    /** One master process and its agents. */
    private static final class Run implements AutoCloseable {

        private final Process master;
        private final int port;
        private final List<SimulatedAgent> agents = new ArrayList<>();
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        Run(int heapMb) throws IOException, InterruptedException {
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            Path work = Files.createTempDirectory("link-memory-master");
            List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                    "-Xms" + heapMb + "m", "-Xmx" + heapMb + "m"));
            // MASTER_JVM_OPTS adds flags to the master; MASTER_ARGS adds Spring properties (--server.x=y).
            String jvmOpts = System.getenv("MASTER_JVM_OPTS");
            if (jvmOpts != null && !jvmOpts.isBlank()) {
                command.addAll(List.of(jvmOpts.strip().split("\\s+")));
            }
            command.addAll(List.of("-jar", masterJar().toString(),
                    "--server.port=" + port, "--spring.profiles.active=local",
                    "--mesos.master.work-dir=" + work, "--mesos.master.hostname=localhost",
                    "--mesos.master.advertise-ip=127.0.0.1", "--logging.level.root=WARN"));
            String args = System.getenv("MASTER_ARGS");
            if (args != null && !args.isBlank()) {
                command.addAll(List.of(args.strip().split("\\s+")));
            }
            master = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(Path.of("mesos-master-svc/target/link-memory-master.log").toFile()).start();
            await("master healthy", Duration.ofMinutes(3), () -> status("/master/health") == 200);
        }

        void link(int count) throws InterruptedException {
            MasterLocator locator = MasterLocator.of(List.of(URI.create("http://localhost:" + port)));
            agents.addAll(SimulatedAgents.register(count, locator, http));
        }

        long heapUsedKb() throws IOException, InterruptedException {
            jcmd("GC.run");
            Matcher m = USED.matcher(jcmd("GC.heap_info"));
            if (!m.find()) {
                throw new IllegalStateException("no heap figure from jcmd GC.heap_info");
            }
            return Long.parseLong(m.group(1));
        }

        String jcmd(String... command) throws IOException, InterruptedException {
            Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            List<String> line = new ArrayList<>(List.of(jcmd.toString(), Long.toString(master.pid())));
            line.addAll(List.of(command));
            Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return out;
        }

        private int status(String path) {
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                return -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }

        @Override
        public void close() throws InterruptedException {
            agents.forEach(SimulatedAgent::close);
            master.destroy();
            master.waitFor();
        }

        private static Path masterJar() throws IOException {
            try (var files = Files.list(Path.of("mesos-master-svc/target"))) {
                return files.filter(p -> p.getFileName().toString().matches("mesos-master-svc-[0-9].*\\.jar"))
                        .findFirst().orElseThrow(() -> new IllegalStateException("build the master jar first"));
            }
        }
    }

    /** Polls every 50 ms until {@code condition} holds. */
    private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }
}
