package io.mpaas.master.bench;

import io.mpaas.master.cluster.Agent;
import io.mpaas.master.cluster.Cluster;
import io.mpaas.master.cluster.Framework;
import io.mpaas.master.cluster.MasterTask;
import io.mpaas.master.operator.StateBench;
import io.mpaas.master.operator.StateController;
import io.mpaas.master.web.StreamingHttpProtocol;
import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.AgentInfo;
import io.mpaas.protocol.mesos.Attribute;
import io.mpaas.protocol.mesos.ContainerId;
import io.mpaas.protocol.mesos.ContainerInfo;
import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.FrameworkInfo;
import io.mpaas.protocol.mesos.Label;
import io.mpaas.protocol.mesos.Labels;
import io.mpaas.protocol.mesos.MasterInfo;
import io.mpaas.protocol.mesos.Resources;
import io.mpaas.protocol.mesos.Task;
import io.mpaas.protocol.mesos.TaskId;
import io.mpaas.protocol.mesos.TaskState;
import io.mpaas.protocol.mesos.TaskStatus;
import java.io.File;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.coyote.http11.Http11NioProtocol;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

/**
 * Times {@code GET /master/state} at scale: a cluster of 20,000 agents and 100,000 running tasks
 * (and 2,000 / 10,000 as a smaller point), built in memory the way agents and frameworks would
 * fill it. For each size: the first request (which renders every task once; later ones copy the
 * cached renderings), then median and p90 over repeated requests written into a discarding
 * stream, how long the cluster lock was held for the snapshot, the same over real HTTP against
 * {@link StateController} on an embedded Tomcat with the master's HTTP connector ({@link StreamingHttpProtocol}),
 * the process CPU time per HTTP request (server and client together: less sensitive to other load on the machine
 * than the wall-clock times), the response size and the heap in use after GC.
 * The target is 300 ms and under 1 GiB of heap at the large size. A main class, not a test:
 * timings are never asserted. Prints a Markdown table.
 *
 * <p>Arguments: {@code --reps N} measured requests (default 20), {@code --warmup N} (default 5),
 * {@code --no-http} to skip the HTTP runs, {@code --large-only} to skip the small cluster, {@code --stock-connector}
 * for Tomcat's stock connector settings instead of the master's (to see what the master's settings cost). Run it with {@code scripts/bench-master.sh} or with the
 * test classpath: {@code java -Xmx1g -cp ... io.mpaas.master.bench.StateBenchmark}.
 */
public final class StateBenchmark {

    private static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");
    private static final Resources AGENT = Resources.parse("cpus:32;mem:131072;disk:1000000;ports:[31000-32000]");
    private static final int FRAMEWORKS = 10;

    /** One cluster size. */
    private record Scenario(int agents, int tasks) {
    }

    /** What was measured for one size; times in milliseconds. */
    private record Result(Scenario scenario, long bytes, double firstMs, double[] renderMs, double[] lockMs,
                          double[] httpMs, double httpCpuMs, long heapBytes) {
    }

    private StateBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        // Tomcat's start and stop messages would drown the table.
        java.util.logging.Logger.getLogger("org.apache").setLevel(java.util.logging.Level.WARNING);
        int reps = intArg(args, "--reps", 20);
        int warmup = intArg(args, "--warmup", 5);
        boolean http = !Arrays.asList(args).contains("--no-http");
        boolean stock = Arrays.asList(args).contains("--stock-connector");
        List<Scenario> scenarios = Arrays.asList(args).contains("--large-only") ? List.of(new Scenario(20_000, 100_000))
                : List.of(new Scenario(2_000, 10_000), new Scenario(20_000, 100_000));
        List<Result> results = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            results.add(run(scenario, reps, warmup, http, stock));
        }
        print(results, reps, warmup, stock);
    }

    private static Result run(Scenario scenario, int reps, int warmup, boolean http, boolean stock)
            throws Exception {
        Cluster cluster = build(scenario);
        StateBench bench = StateBench.over(cluster, Clock.fixed(NOW, ZoneOffset.UTC));
        long[] lock = new long[1];
        CountingSink sink = new CountingSink();
        long started = System.nanoTime();
        bench.write(bench.snapshot(lock), sink);
        double firstMs = (System.nanoTime() - started) / 1e6;
        long bytes = sink.count;
        for (int i = 0; i < warmup; i++) {
            bench.write(bench.snapshot(lock), new CountingSink());
        }
        double[] renderMs = new double[reps];
        double[] lockMs = new double[reps];
        for (int i = 0; i < reps; i++) {
            started = System.nanoTime();
            bench.write(bench.snapshot(lock), new CountingSink());
            renderMs[i] = (System.nanoTime() - started) / 1e6;
            lockMs[i] = lock[0] / 1e6;
        }
        double[] httpCpuMs = new double[1];
        double[] httpMs = http ? overHttp(bench.controller(), reps, warmup, bytes, stock, httpCpuMs) : new double[0];
        long heap = heapAfterGc();
        // Keep the cluster reachable until the heap was measured.
        if (cluster.agents().size() != scenario.agents()) {
            throw new IllegalStateException("cluster changed under the benchmark");
        }
        return new Result(scenario, bytes, firstMs, renderMs, lockMs, httpMs, httpCpuMs[0], heap);
    }

    /** Agents of Mesos's benchmark shape, frameworks like Marathon, tasks like Docker containers with an IP. */
    private static Cluster build(Scenario s) {
        Cluster cluster = new Cluster();
        cluster.startTerm(MasterInfo.of(UUID.randomUUID().toString(), "master.bench", "127.0.0.1", 5050), NOW);
        cluster.markRecovered();
        List<Agent> agents = new ArrayList<>(s.agents());
        for (int i = 0; i < s.agents(); i++) {
            AgentId id = AgentId.of(cluster.nextAgentId().value());
            AgentInfo info = new AgentInfo("agent-" + i + ".bench", 5051, AGENT.toList(),
                    Attribute.parseAll("rack:r" + (i % 100) + ";zone:z" + (i % 3)), id, null);
            Agent agent = new Agent(id, info, Agent.Status.ACTIVE, NOW);
            agent.ip("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255));
            agent.version("1.11.0");
            agent.capabilities(List.of("MULTI_ROLE", "HIERARCHICAL_ROLE", "RESERVATION_REFINEMENT"));
            cluster.agents().put(id, agent);
            agents.add(agent);
        }
        List<Framework> frameworks = new ArrayList<>();
        for (int f = 0; f < FRAMEWORKS; f++) {
            FrameworkId id = cluster.nextFrameworkId();
            FrameworkInfo info = FrameworkInfo.of("root", "marathon-" + f, List.of("apps-" + f), 604800);
            Framework framework = new Framework(id, info, Framework.Status.ACTIVE, NOW);
            cluster.frameworks().put(id, framework);
            frameworks.add(framework);
        }
        for (int t = 0; t < s.tasks(); t++) {
            Agent agent = agents.get(t % agents.size());
            Framework framework = frameworks.get(t % FRAMEWORKS);
            MasterTask task = new MasterTask(task(t, framework, agent), framework.roles().getFirst());
            framework.tasks().put(task.id(), task);
            agent.tasks().put(task.id(), task);
            framework.addUsed(task.resources());
            agent.addUsed(task.resources());
        }
        return cluster;
    }

    private static Task task(int n, Framework framework, Agent agent) {
        String app = "app-" + (n % 500);
        TaskId id = TaskId.of(app + "." + UUID.randomUUID());
        long port = 31000 + (n / 20_000) % 1000;
        double started = NOW.getEpochSecond() + n / 1000.0;
        ContainerInfo container = ContainerInfo.docker(new ContainerInfo.DockerInfo("registry.bench/" + app + ":1.0",
                ContainerInfo.DockerInfo.Network.BRIDGE, List.of(new ContainerInfo.PortMapping(port, 8080L, "tcp")),
                false, List.of(), false, null));
        TaskStatus.ContainerStatus containerStatus = new TaskStatus.ContainerStatus(
                new ContainerId(UUID.randomUUID().toString()), List.of(new ContainerInfo.NetworkInfo(List.of(
                        new ContainerInfo.NetworkInfo.IpAddress("IPv4", agent.ip())), null, List.of(), null,
                        List.of())), null, null);
        List<TaskStatus> statuses = List.of(
                new TaskStatus(id, TaskState.TASK_STARTING, null, TaskStatus.Source.SOURCE_EXECUTOR, null, null,
                        agent.id(), null, started, null, null, null, null, null, null, null),
                new TaskStatus(id, TaskState.TASK_RUNNING, null, TaskStatus.Source.SOURCE_EXECUTOR, null, null,
                        agent.id(), null, started + 2.5, null, true, null, null, containerStatus, null, null));
        return new Task(app, id, framework.id(), null, agent.id(), TaskState.TASK_RUNNING,
                Resources.parse("cpus:0.5;mem:512;disk:0;ports:[" + port + "-" + port + "]")
                        .toList(framework.roles().getFirst()),
                statuses, null, null, new Labels(List.of(new Label("MARATHON_APP_ID", "/" + app),
                new Label("team", "bench"))), null, container, null, null, "root");
    }

    /**
     * Requests {@code /master/state} from the controller on an embedded Tomcat, reading every byte; the wall-clock
     * time of each request, and the process CPU time per request into {@code cpuMs[0]}.
     */
    private static double[] overHttp(StateController controller, int reps, int warmup, long expectedBytes,
            boolean stock, double[] cpuMs) throws Exception {
        Tomcat tomcat = new Tomcat();
        File base = Files.createTempDirectory("state-bench").toFile();
        tomcat.setBaseDir(base.getAbsolutePath());
        Connector connector = new Connector(stock ? Http11NioProtocol.class.getName()
                : StreamingHttpProtocol.class.getName());
        connector.setPort(0);
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", base.getAbsolutePath());
        AnnotationConfigWebApplicationContext web = new AnnotationConfigWebApplicationContext();
        web.register(Web.class);
        web.addBeanFactoryPostProcessor(factory -> factory.registerSingleton("stateController", controller));
        Tomcat.addServlet(context, "dispatcher", new DispatcherServlet(web)).setLoadOnStartup(1);
        context.addServletMappingDecoded("/", "dispatcher");
        tomcat.start();
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            URI uri = URI.create("http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/master/state");
            HttpRequest request = HttpRequest.newBuilder(uri).GET().build();
            for (int i = 0; i < warmup; i++) {
                fetch(client, request, expectedBytes);
            }
            double[] ms = new double[reps];
            long cpuStarted = processCpuNanos();
            for (int i = 0; i < reps; i++) {
                long started = System.nanoTime();
                fetch(client, request, expectedBytes);
                ms[i] = (System.nanoTime() - started) / 1e6;
            }
            cpuMs[0] = (processCpuNanos() - cpuStarted) / 1e6 / reps;
            return ms;
        } finally {
            stop(tomcat);
            web.close();
        }
    }

    /** Reads the whole body, counting its bytes without copying them: the client's cost is not the master's. */
    private static void fetch(HttpClient client, HttpRequest request, long expectedBytes) throws Exception {
        HttpResponse<Long> response = client.send(request, info -> HttpResponse.BodySubscribers.fromSubscriber(
                new ByteCounter(), ByteCounter::count));
        long read = response.body();
        // The elected time and flags are the same each time, so the size is too.
        if (response.statusCode() != 200 || Math.abs(read - expectedBytes) > 64) {
            throw new IllegalStateException("unexpected answer " + response.statusCode() + " of " + read + " bytes");
        }
    }

    private static void stop(Tomcat tomcat) throws LifecycleException {
        tomcat.stop();
        tomcat.destroy();
    }

    /** Spring MVC with nothing but the controller registered beside it. */
    @Configuration(proxyBeanMethods = false)
    @EnableWebMvc
    static class Web {
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Counts the bytes of a response body as they arrive. */
    private static final class ByteCounter implements java.util.concurrent.Flow.Subscriber<List<java.nio.ByteBuffer>> {
        private long count;

        long count() {
            return count;
        }

        @Override
        public void onSubscribe(java.util.concurrent.Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<java.nio.ByteBuffer> buffers) {
            for (java.nio.ByteBuffer b : buffers) {
                count += b.remaining();
            }
        }

        @Override
        public void onError(Throwable error) {
        }

        @Override
        public void onComplete() {
        }
    }

    /** Discards what is written, counting bytes. */
    private static final class CountingSink extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }

    private static void print(List<Result> results, int reps, int warmup, boolean stock) {
        System.out.printf(Locale.ROOT, "`GET /master/state`: %d measured requests after %d warm-up ones; "
                + "Java %s, %d cores, max heap %d MiB; %s connector.%n%n", reps, warmup, Runtime.version(),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                stock ? "Tomcat's stock" : "the master's");
        System.out.println("| agents | tasks | body | first request | median | p90 | lock held (median) "
                + "| HTTP median | HTTP p90 | HTTP CPU per request | heap after GC |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Result r : results) {
            boolean http = r.httpMs().length > 0;
            System.out.printf(Locale.ROOT, "| %,d | %,d | %.1f MB | %.0f ms | %.0f ms | %.0f ms | %.1f ms | %s | %s "
                    + "| %s | %d MiB |%n", r.scenario().agents(), r.scenario().tasks(), r.bytes() / 1e6, r.firstMs(),
                    percentile(r.renderMs(), 50), percentile(r.renderMs(), 90), percentile(r.lockMs(), 50),
                    http ? String.format(Locale.ROOT, "%.0f ms", percentile(r.httpMs(), 50)) : "-",
                    http ? String.format(Locale.ROOT, "%.0f ms", percentile(r.httpMs(), 90)) : "-",
                    http ? String.format(Locale.ROOT, "%.0f ms", r.httpCpuMs()) : "-",
                    r.heapBytes() >> 20);
        }
    }

    private static double percentile(double[] values, int p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
