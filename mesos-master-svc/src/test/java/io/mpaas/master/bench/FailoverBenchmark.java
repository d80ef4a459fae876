package io.mpaas.master.bench;

import io.mpaas.coordination.CuratorClientFactory;
import io.mpaas.coordination.MasterDetector;
import io.mpaas.coordination.ZkUrl;
import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.FrameworkInfo;
import io.mpaas.protocol.mesos.MasterInfo;
import io.mpaas.protocol.mesos.Offer;
import io.mpaas.protocol.mesos.OfferId;
import io.mpaas.protocol.mesos.TaskStatus;
import io.mpaas.protocol.mesos.client.Disconnection;
import io.mpaas.protocol.mesos.client.MasterLocator;
import io.mpaas.protocol.mesos.client.SchedulerClient;
import io.mpaas.protocol.mesos.client.SchedulerClientSettings;
import io.mpaas.protocol.mesos.client.SchedulerListener;
import io.mpaas.testkit.agent.SimulatedAgent;
import io.mpaas.testkit.postgres.PostgresDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;

/**
 * Leader failover with many agents: two master processes (the real jar) on an in-process
 * ZooKeeper and a real PostgreSQL registry, N simulated agents and one framework (the project's
 * scheduler client) in this JVM, all finding the leader through ZooKeeper. The leader is killed
 * with SIGKILL (a crash: its ZooKeeper session must expire); the clock runs from the kill until
 * the framework gets offers from the new leader, and until offers cover every agent again.
 *
 * <p>Run: {@code scripts/bench-master.sh failover -- --agents 10000 --session 10 --runs 3}. The
 * simulated agents share the machine with both masters, as do the framework and ZooKeeper.
 */
public final class FailoverBenchmark {

    /** Heap of each master process: about 130 KB per linked agent, plus the cluster model. */
    private static int masterHeap;

    public static void main(String[] args) throws Exception {
        int agents = intArg(args, "--agents", 10_000);
        int sessionSeconds = intArg(args, "--session", 10);
        masterHeap = intArg(args, "--master-heap-mb", 2048);
        System.out.printf(Locale.ROOT, "agents=%d, ZooKeeper session timeout=%d s, cores=%d%n%n", agents,
                sessionSeconds, Runtime.getRuntime().availableProcessors());
        System.out.println("| agents | ZK session timeout (s) | new leader elected (s) | first offers from new leader (s)"
                + " | offers cover all agents (s) | all agents re-registered (s) | election to first offers (s) |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|");
        int runs = intArg(args, "--runs", 3);
        List<Double> overSession = new ArrayList<>();
        List<Map<String, Long>> phases = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            try (Run run = new Run(agents, sessionSeconds)) {
                overSession.add(run.measure());
                phases.add(run.milestones());
            }
        }
        List<Double> sorted = overSession.stream().sorted().toList();
        System.out.printf(Locale.ROOT, "%nelection to first offers, median of %d runs: %.2f s (all: %s)%n",
                runs, sorted.get(sorted.size() / 2), overSession);
        printPhases(phases);
    }

    /** The new leader's own account (its log's failover milestones), in ms after it took office. */
    private static void printPhases(List<Map<String, Long>> phases) {
        System.out.println();
        System.out.println("New leader's milestones (ms after its election, from its log; '-' = not logged),"
                + " and its CPU time in ms:");
        System.out.println();
        System.out.println("| run | " + String.join(" | ", MILESTONES) + " |");
        System.out.println("|---:|" + "---:|".repeat(MILESTONES.size()));
        for (int i = 0; i < phases.size(); i++) {
            StringBuilder row = new StringBuilder("| " + (i + 1) + " |");
            for (String m : MILESTONES) {
                Long ms = phases.get(i).get(m);
                row.append(' ').append(ms == null ? "-" : String.format(Locale.ROOT, "%,d", ms)).append(" |");
            }
            System.out.println(row);
        }
    }

    private static final String CPU_TO_OFFERS = "new leader's CPU: election to first offers";
    private static final String CPU_TO_REREGISTERED = "new leader's CPU: election to all agents back";

    /**
     * The milestones the master logs ({@code TermMilestones}), in their usual order, and the new leader's
     * CPU time (all cores) over the phases: on a shared machine the wall clock includes waiting for a core.
     */
    private static final List<String> MILESTONES = List.of("registry read", "first agent re-registered",
            "first framework subscribed", "first offers sent", "all expected agents re-registered", CPU_TO_OFFERS,
            CPU_TO_REREGISTERED);

    private static final Pattern MILESTONE = Pattern.compile("Failover milestone: (.+?) at \\+(\\d+) ms");

    private static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }

    /** One measured failover. */
    private static final class Run implements AutoCloseable {
        private final int agentCount;
        private final int sessionSeconds;
        private final List<AutoCloseable> closeables = new ArrayList<>();
        private final List<Process> masters = new ArrayList<>();
        private final List<Integer> ports = new ArrayList<>();
        private final List<Path> logs = new ArrayList<>();
        private final List<SimulatedAgent> agents = new ArrayList<>();
        private MasterDetector detector;
        private Path newLeaderLog;
        private Duration cpuToFirstOffers = Duration.ZERO;
        private Duration cpuToReregistered = Duration.ZERO;

        Run(int agentCount, int sessionSeconds) {
            this.agentCount = agentCount;
            this.sessionSeconds = sessionSeconds;
        }

        /**
         * One failover; returns the seconds from the new leader's election (as ZooKeeper shows it)
         * to its first offers. The in-process ZooKeeper expires sessions anywhere between about 70 %
         * and 100 % of the timeout, so the time from the kill varies more than the master's share.
         */
        double measure() throws Exception {
            TestingServer zookeeper = new TestingServer(true);
            closeables.add(zookeeper);
            PostgresDatabase db = PostgresDatabase.create("failover_bench");
            closeables.add(db);
            String zk = "zk://" + zookeeper.getConnectString() + "/mesos";
            ZkUrl url = ZkUrl.parse(zk);
            CuratorFramework curator = CuratorClientFactory.start(url, Duration.ofSeconds(sessionSeconds),
                    Duration.ofSeconds(10));
            closeables.add(curator);
            detector = new MasterDetector(curator, url.path());
            detector.start();
            closeables.add(detector);
            for (String name : List.of("bench-master-a", "bench-master-b")) {
                startMaster(name, zk, db);
            }
            for (int port : ports) {
                awaitHealthy(port);
            }
            MasterInfo first = detector.awaitLeader(Duration.ofSeconds(60)).orElseThrow();

            MasterLocator locator = detector.locator(MasterLocator.FRAMEWORK_SPREAD);
            MasterLocator agentLocator = detector.locator(MasterLocator.AGENT_SPREAD);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            agents.addAll(SimulatedAgents.register(agentCount, agentLocator, http));

            OfferCounter counter = new OfferCounter();
            // The framework is its own process in a real cluster: platform threads keep it from queueing
            // behind the ten thousand simulated agents' virtual threads in this one.
            SchedulerClient client = new SchedulerClient(locator, counter,
                    SchedulerClientSettings.defaults().withBackoff(Duration.ofMillis(100), Duration.ofSeconds(2)),
                    java.time.Clock.systemUTC(), Thread.ofPlatform().name("framework-", 0).daemon().factory());
            closeables.add(client);
            client.start(new FrameworkInfo("root", "failover-bench", null, 3600.0, true, null, List.of("bench"),
                    null, null, null, List.of(new FrameworkInfo.Capability(FrameworkInfo.Capability.Type.MULTI_ROLE),
                            new FrameworkInfo.Capability(FrameworkInfo.Capability.Type.PARTITION_AWARE)), null, null));
            await("offers of every agent", Duration.ofMinutes(2), () -> counter.agentsOffered() >= agentCount);

            // A standby in production has run for a while: let it read the full registry once.
            TimeUnit.SECONDS.sleep(6);
            int[] registrations = agents.stream().mapToInt(SimulatedAgent::registrations).toArray();
            counter.reset(first.id());
            Process leader = masters.get(ports.indexOf(first.port()));
            long killed = System.nanoTime();
            leader.destroyForcibly();

            await("new leader", Duration.ofMinutes(2),
                    () -> detector.leader().filter(m -> !m.id().equals(first.id())).isPresent());
            long elected = System.nanoTime();
            ProcessHandle newLeader = masters.get(1 - ports.indexOf(first.port())).toHandle();
            Duration cpuAtElection = cpu(newLeader);
            await("first offers", Duration.ofMinutes(2), () -> counter.firstOfferNanos() > 0);
            Duration cpuAtFirstOffers = cpu(newLeader);
            await("offers cover all agents", Duration.ofMinutes(5), () -> counter.agentsOffered() >= agentCount);
            long covered = System.nanoTime();
            await("all agents re-registered", Duration.ofMinutes(5), () -> {
                for (int i = 0; i < agents.size(); i++) {
                    if (agents.get(i).registrations() <= registrations[i] || !agents.get(i).isRegistered()) {
                        return false;
                    }
                }
                return true;
            });
            long reregistered = System.nanoTime();
            Duration cpuAtReregistered = cpu(newLeader);
            newLeaderLog = logs.get(1 - ports.indexOf(first.port()));
            cpuToFirstOffers = cpuAtFirstOffers.minus(cpuAtElection);
            cpuToReregistered = cpuAtReregistered.minus(cpuAtElection);
            double firstOffers = seconds(killed, counter.firstOfferNanos());
            System.out.printf(Locale.ROOT, "| %,d | %d | %.2f | %.2f | %.2f | %.2f | %.2f |%n", agentCount,
                    sessionSeconds, seconds(killed, elected), firstOffers, seconds(killed, covered),
                    seconds(killed, reregistered), seconds(elected, counter.firstOfferNanos()));
            return seconds(elected, counter.firstOfferNanos());
        }

        /** CPU time a process has used so far (user and system, all its threads). */
        private static Duration cpu(ProcessHandle process) {
            return process.info().totalCpuDuration().orElse(Duration.ZERO);
        }

        /** The new leader's failover milestones from its log: name to ms after its election. */
        Map<String, Long> milestones() throws IOException {
            Map<String, Long> found = new LinkedHashMap<>();
            if (newLeaderLog == null) {
                return found;
            }
            found.put(CPU_TO_OFFERS, cpuToFirstOffers.toMillis());
            found.put(CPU_TO_REREGISTERED, cpuToReregistered.toMillis());
            for (String line : Files.readAllLines(newLeaderLog)) {
                Matcher m = MILESTONE.matcher(line);
                if (m.find()) {
                    found.putIfAbsent(m.group(1), Long.parseLong(m.group(2)));
                }
            }
            return found;
        }

        private static double seconds(long from, long to) {
            return (to - from) / 1e9;
        }

        private void startMaster(String name, String zk, PostgresDatabase db) throws IOException {
            Path jar;
            try (var files = Files.list(Path.of("mesos-master-svc/target"))) {
                jar = files.filter(p -> p.getFileName().toString().matches("mesos-master-svc-.*\\.jar")).findFirst()
                        .orElseThrow(() -> new IllegalStateException("build the master jar first"));
            }
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                    "-Xmx" + masterHeap + "m"));
            String extra = System.getenv("MASTER_JVM_OPTS");
            if (extra != null && !extra.isBlank()) {
                command.addAll(List.of(extra.replace("{name}", name).split(" ")));
            }
            command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port,
                    "--spring.datasource.url=" + db.jdbcUrl(), "--spring.datasource.username=" + db.user(),
                    "--spring.datasource.password=" + db.password(), "--mesos.master.zk=" + zk,
                    "--mesos.master.zk-session-timeout=" + sessionSeconds + "s",
                    "--mesos.master.standby-refresh-interval=5s",
                    "--mesos.master.hostname=localhost", "--mesos.master.advertise-ip=127.0.0.1",
                    "--mesos.master.work-dir=mesos-master-svc/target/" + name, "--logging.level.root=WARN",
                    "--logging.level.io.mpaas.master.ha=INFO"));
            Path log = Path.of("mesos-master-svc/target", name + ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .start();
            masters.add(process);
            logs.add(log);
            ports.add(port);
        }

        private static void awaitHealthy(int port) throws InterruptedException {
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest health = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/master/health"))
                    .timeout(Duration.ofSeconds(2)).build();
            await("master on " + port + " healthy", Duration.ofMinutes(3), () -> {
                try {
                    return http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (IOException e) {
                    return false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            });
        }

        /** Polls a condition every 20 ms until it holds; the polling interval bounds the measurement error. */
        private static void await(String what, Duration timeout, BooleanSupplier condition)
                throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!condition.getAsBoolean()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("timed out waiting for " + what);
                }
                TimeUnit.MILLISECONDS.sleep(20);
            }
        }

        @Override
        public void close() throws Exception {
            agents.forEach(SimulatedAgent::close);
            for (Process p : masters) {
                p.destroy();
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
            for (int i = closeables.size() - 1; i >= 0; i--) {
                closeables.get(i).close();
            }
        }
    }

    /** Counts the agents covered by offers since a reset, holding the offers (never declining). */
    private static final class OfferCounter implements SchedulerListener {
        private final Set<AgentId> offered = ConcurrentHashMap.newKeySet();
        private final AtomicLong firstOffer = new AtomicLong();
        private volatile String oldMaster = "";

        void reset(String previousMasterId) {
            oldMaster = previousMasterId;
            offered.clear();
            firstOffer.set(0);
        }

        int agentsOffered() {
            return offered.size();
        }

        long firstOfferNanos() {
            return firstOffer.get();
        }

        @Override
        public void onSubscribed(FrameworkId frameworkId, MasterInfo master, boolean reconnect) {
        }

        @Override
        public void onOffers(List<Offer> offers) {
            // Offer ids start with the id of the master that made them.
            if (!offers.isEmpty() && offers.getFirst().id().value().startsWith(oldMaster + "-") && !oldMaster.isEmpty()) {
                return;
            }
            firstOffer.compareAndSet(0, System.nanoTime());
            offers.forEach(o -> offered.add(o.agentId()));
        }

        @Override
        public void onRescind(OfferId offerId) {
        }

        @Override
        public void onUpdate(TaskStatus status) {
        }

        @Override
        public void onDisconnected(Disconnection disconnection) {
        }
    }
}
