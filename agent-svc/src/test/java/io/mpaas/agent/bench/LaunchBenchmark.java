package io.mpaas.agent.bench;

import io.mpaas.testkit.framework.RawHttpFramework;
import io.mpaas.testkit.process.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * How fast one agent launches: {@code --containers} busybox containers through a raw-HTTP
 * framework, the master and the agent (ACCEPT until every task is RUNNING), against the same
 * containers created and started directly with docker-java ({@link DirectLaunch}: bare, and
 * configured as the agent configures them); then {@code --processes} process
 * tasks through the same path. The master runs on an embedded database; both services are
 * their real jars, as separate processes. With {@code --runs n} the direct and the platform
 * launch alternate n times on the same master and agent (the first platform run meets a cold
 * agent JVM, later ones a warm one).
 *
 * <p>Besides the totals it prints where the platform's time went, from the status updates
 * themselves (each carries the agent's timestamp; agent and benchmark share the machine's
 * clock) and from the agent's own per-launch timing lines ({@link LaunchBreakdown}).
 *
 * <p>Run with {@code scripts/bench-agent.sh [-- --containers 50 --processes 500 --runs 3]}.
 */
public final class LaunchBenchmark {

    private static final String IMAGE = "mpaas/busybox:latest";
    private static boolean syncAcks;
    /** Acknowledgements open at once when they are not awaited. */
    private static final int ACKS_IN_FLIGHT = 8;
    private static final java.util.concurrent.Semaphore ACK_SLOTS = new java.util.concurrent.Semaphore(ACKS_IN_FLIGHT);

    public static void main(String[] args) throws Exception {
        int containers = intArg(args, "--containers", 50);
        int processes = intArg(args, "--processes", 500);
        int runs = intArg(args, "--runs", 1);
        FlightRecording jfr = new FlightRecording(stringArg(args, "--jfr"), stringArg(args, "--jfr-settings"));
        syncAcks = List.of(args).contains("--sync-acks");
        Path work = Files.createTempDirectory("agent-bench-");
        System.out.printf("Machine: %d cores, %s%n%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name") + " " + System.getProperty("os.version"));

        try (ServiceProcess master = ServiceProcess.master(Path.of("mesos-master-svc"), "bench-master", List.of(
                "--spring.datasource.url=jdbc:h2:mem:bench;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                        + "DEFAULT_NULL_ORDERING=HIGH",
                "--spring.datasource.username=sa", "--spring.datasource.password=",
                "--mesos.master.registry.allow-embedded=true", "--mesos.master.allocation.interval=200ms",
                "--mesos.master.security.credentials[0].principal=bench",
                "--mesos.master.security.credentials[0].secret=bench-secret"))) {
            master.awaitHealthy(Duration.ofMinutes(5));
            Files.deleteIfExists(Path.of("target", "bench-agent.log"));
            try (ServiceProcess agent = ServiceProcess.start(Path.of("agent-svc", "target"), "agent-svc",
                    "bench-agent", "/health", ServiceProcess.freePort(), List.of(
                            "--mesos.agent.work-dir=" + work, "--mesos.agent.hostname=localhost",
                            "--mesos.agent.ip=127.0.0.1", "--mesos.agent.master.url=" + master.uri(),
                            "--mesos.agent.master.principal=bench", "--mesos.agent.master.secret=bench-secret",
                            "--mesos.agent.resources=cpus:64;mem:262144;disk:100000;ports:[34000-34999]",
                            "--logging.level.io.mpaas=WARN",
                            "--logging.level." + LaunchBreakdown.LOGGER + "=DEBUG"));
                    RawHttpFramework framework = new RawHttpFramework(master.uri(), "bench", "bench-secret")) {
                agent.awaitHealthy(Duration.ofMinutes(5));
                framework.subscribe("{\"user\":\"root\",\"name\":\"bench\",\"principal\":\"bench\",\"roles\":[\"*\"],"
                        + "\"capabilities\":[{\"type\":\"MULTI_ROLE\"}]}");
                CpuTimes cpu = CpuTimes.engineAnd(Map.of("agent", agent.pid(), "master", master.pid(),
                        "benchmark", ProcessHandle.current().pid()));
                List<String> ratios = new ArrayList<>();
                for (int run = 1; run <= runs; run++) {
                    System.out.printf("%n-- run %d of %d (load average %s)%n", run, runs, loadAverage());
                    DirectLaunch direct = DirectLaunch.run(IMAGE, containers, cpu, null);
                    System.out.printf(Locale.ROOT, "direct docker-java, bare: %d containers created and started in"
                            + " %.2f s (each: create+start median %d ms, max %d ms)%n", containers, direct.seconds(),
                            percentile(direct.perContainerMillis(), 50), percentile(direct.perContainerMillis(), 100));
                    System.out.println("  CPU: " + direct.cpu());
                    DirectLaunch alike = DirectLaunch.run(IMAGE, containers, cpu, work.resolve("direct-sandboxes"));
                    System.out.printf(Locale.ROOT, "direct docker-java, configured like the agent's: %.2f s"
                            + " (each: median %d ms, max %d ms)%n", alike.seconds(),
                            percentile(alike.perContainerMillis(), 50), percentile(alike.perContainerMillis(), 100));
                    System.out.println("  CPU: " + alike.cpu());
                    jfr.start(agent.pid());
                    Map<String, Long> before = cpu.sample();
                    Map<String, Long> agentThreads = CpuTimes.threadsOf(agent.pid());
                    Launch platform = launch(framework, "docker" + run + "-", containers, true);
                    Map<String, Long> afterPlatform = cpu.sample();
                    String agentThreadsUsed = CpuTimes.threadsBetween(agentThreads, CpuTimes.threadsOf(agent.pid()));
                    jfr.stop(agent.pid(), "docker" + run);
                    System.out.printf(Locale.ROOT, "framework -> master -> agent: %d containers RUNNING in %.2f s"
                            + " (%.2f x direct bare, %.2f x direct like the agent's; target <= 1.15)%n", containers,
                            platform.seconds(), platform.seconds() / direct.seconds(),
                            platform.seconds() / alike.seconds());
                    System.out.println("  CPU: " + CpuTimes.between(before, afterPlatform, platform.seconds()));
                    System.out.println("  agent CPU by thread: " + agentThreadsUsed);
                    platform.printBreakdown();
                    LaunchBreakdown.print(Path.of("target", "bench-agent.log"), "docker" + run + "-");
                    killAll(framework, "docker" + run + "-", containers);
                    ratios.add(String.format(Locale.ROOT, "%.2f (%.2f)", platform.seconds() / direct.seconds(),
                            platform.seconds() / alike.seconds()));
                }
                System.out.printf("%nplatform / direct bare (/ direct like the agent's) per run: %s"
                        + " (run 1 meets a freshly started agent JVM)%n", String.join(", ", ratios));
                jfr.start(agent.pid());
                Map<String, Long> before = cpu.sample();
                Launch process = launch(framework, "process-", processes, false);
                Map<String, Long> after = cpu.sample();
                jfr.stop(agent.pid(), "process");
                System.out.printf(Locale.ROOT, "%nprocess containerizer: %d tasks RUNNING in %.2f s (%.0f tasks/s)%n",
                        processes, process.seconds(), processes / process.seconds());
                System.out.println("  CPU: " + CpuTimes.between(before, after, process.seconds()));
                process.printBreakdown();
                killAll(framework, "process-", processes);
                System.out.printf("load average at the end: %s%n", loadAverage());
            }
        } finally {
            cleanup(work);
        }
    }

    /** What the framework saw of one task: the agent's timestamps of its updates and when they arrived. */
    private static final class Seen {
        double startingAgentMillis = Double.NaN;
        double runningAgentMillis = Double.NaN;
        long startingReceivedMillis;
        long runningReceivedMillis;
    }

    /**
     * One platform launch and its breakdown. Times are milliseconds since the ACCEPT was sent;
     * "agent" times are the timestamps the agent put in its updates.
     */
    private record Launch(double seconds, long acceptMillis, Map<String, Seen> seen, List<Long> ackMillis) {

        void printBreakdown() {
            List<Double> starting = new ArrayList<>();
            List<Double> running = new ArrayList<>();
            List<Long> containerUp = new ArrayList<>();
            List<Long> runningLag = new ArrayList<>();
            for (Seen s : seen.values()) {
                starting.add(s.startingAgentMillis);
                running.add(s.runningAgentMillis);
                containerUp.add(Math.round(s.runningAgentMillis - s.startingAgentMillis));
                runningLag.add(Math.round(s.runningReceivedMillis - s.runningAgentMillis));
            }
            starting.sort(null);
            running.sort(null);
            long acks = ackMillis.stream().mapToLong(Long::longValue).sum();
            System.out.printf(Locale.ROOT, "  ACCEPT answered after %d ms; agent reported STARTING from %.0f to %.0f ms,"
                    + " RUNNING from %.0f to %.0f ms; all RUNNING received at %.0f ms%n", acceptMillis,
                    starting.getFirst(), starting.getLast(), running.getFirst(), running.getLast(), seconds * 1000);
            System.out.printf(Locale.ROOT, "  per task STARTING->RUNNING on the agent: median %d ms, max %d ms;"
                    + " RUNNING agent->framework: median %d ms, max %d ms%n", percentile(containerUp, 50),
                    percentile(containerUp, 100), percentile(runningLag, 50), percentile(runningLag, 100));
            System.out.printf(Locale.ROOT, "  framework acknowledgements (%s): %d calls, %d ms in all (median %d ms)%n",
                    syncAcks ? "each awaited" : "pipelined", ackMillis.size(), acks, percentile(ackMillis, 50));
        }
    }

    /** Launches {@code count} tasks in one ACCEPT and waits until all are RUNNING. */
    private static Launch launch(RawHttpFramework framework, String prefix, int count, boolean docker)
            throws Exception {
        JsonNode offer = offerFor(framework, count);
        List<String> tasks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tasks.add("{\"name\":\"" + prefix + i + "\",\"task_id\":{\"value\":\"" + prefix + i + "\"},"
                    + "\"agent_id\":" + offer.path("agent_id") + ",\"resources\":["
                    + "{\"name\":\"cpus\",\"type\":\"SCALAR\",\"scalar\":{\"value\":0.01},"
                    + "\"allocation_info\":{\"role\":\"*\"}},"
                    + "{\"name\":\"mem\",\"type\":\"SCALAR\",\"scalar\":{\"value\":32},"
                    + "\"allocation_info\":{\"role\":\"*\"}}],"
                    + (docker ? "\"container\":{\"type\":\"DOCKER\",\"docker\":{\"image\":\"" + IMAGE
                            + "\",\"network\":\"HOST\"}}," : "")
                    + "\"command\":{\"shell\":true,\"value\":\"sleep 600\"}}");
        }
        Map<String, Seen> seen = new HashMap<>();
        List<Long> acks = new ArrayList<>();
        List<Thread> pending = new ArrayList<>();
        long startMillis = System.currentTimeMillis();
        long start = System.nanoTime();
        framework.call("ACCEPT", "accept", "{\"offer_ids\":[" + offer.path("id") + "],\"operations\":[{\"type\":"
                + "\"LAUNCH\",\"launch\":{\"task_infos\":[" + String.join(",", tasks) + "]}}]}");
        long acceptMillis = (System.nanoTime() - start) / 1_000_000;
        int running = 0;
        double seconds = 0;
        while (running < count) {
            JsonNode status = framework.next("UPDATE", Duration.ofMinutes(5)).path("update").path("status");
            long received = System.currentTimeMillis() - startMillis;
            String state = status.path("state").asString();
            Seen s = seen.computeIfAbsent(status.path("task_id").path("value").asString(), id -> new Seen());
            double agentMillis = status.path("timestamp").asDouble() * 1000 - startMillis;
            // A resent update (its acknowledgement came late) is acknowledged again but counted once.
            if (state.equals("TASK_RUNNING")) {
                if (s.runningReceivedMillis == 0) {
                    running++;
                    s.runningAgentMillis = agentMillis;
                    s.runningReceivedMillis = received;
                    if (running == count) {
                        seconds = (System.nanoTime() - start) / 1e9;
                    }
                }
            } else if (state.equals("TASK_STARTING")) {
                if (s.startingReceivedMillis == 0) {
                    s.startingAgentMillis = agentMillis;
                    s.startingReceivedMillis = received;
                }
            } else {
                throw new IllegalStateException("task " + status.path("task_id") + " ended " + state + ": "
                        + status.path("message").asString());
            }
            acknowledge(framework, status, acks, pending);
        }
        for (Thread t : pending) {
            t.join();
        }
        return new Launch(seconds, acceptMillis, seen, acks);
    }

    /**
     * Acknowledges as an event-driven framework does (Marathon, or one on libmesos): the
     * acknowledgement is posted while the next event is already being read, with at most
     * {@link #ACKS_IN_FLIGHT} calls open at once (a driver keeps a connection or a few, not one
     * per call). With {@code --sync-acks} each acknowledgement is awaited before the next event
     * is read, which delays every later update by the master's round trip.
     */
    private static void acknowledge(RawHttpFramework framework, JsonNode status, List<Long> millis,
            List<Thread> pending) throws Exception {
        Runnable ack = () -> {
            try {
                ACK_SLOTS.acquire();
                long begin = System.nanoTime();
                try {
                    framework.acknowledge(status);
                } finally {
                    ACK_SLOTS.release();
                }
                synchronized (millis) {
                    millis.add((System.nanoTime() - begin) / 1_000_000);
                }
            } catch (Exception e) {
                throw new IllegalStateException("acknowledgement failed", e);
            }
        };
        if (syncAcks) {
            ack.run();
        } else {
            pending.add(Thread.ofVirtual().start(ack));
        }
    }

    /**
     * An offer with room for {@code count} tasks; smaller ones (made while the previous run's
     * tasks still held their resources) are declined.
     */
    private static JsonNode offerFor(RawHttpFramework framework, int count) throws Exception {
        while (true) {
            for (JsonNode offer : framework.next("OFFERS", Duration.ofMinutes(1)).path("offers").path("offers")) {
                double cpus = 0;
                double mem = 0;
                for (JsonNode resource : offer.path("resources")) {
                    switch (resource.path("name").asString()) {
                        case "cpus" -> cpus += resource.path("scalar").path("value").asDouble();
                        case "mem" -> mem += resource.path("scalar").path("value").asDouble();
                        default -> { }
                    }
                }
                if (cpus >= count * 0.01 && mem >= count * 32) {
                    return offer;
                }
                framework.call("DECLINE", "decline", "{\"offer_ids\":[" + offer.path("id") + "],"
                        + "\"filters\":{\"refuse_seconds\":0.1}}");
            }
        }
    }

    private static void killAll(RawHttpFramework framework, String prefix, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            framework.call("KILL", "kill", "{\"task_id\":{\"value\":\"" + prefix + i + "\"}}");
        }
        int ended = 0;
        while (ended < count) {
            JsonNode status = framework.next("UPDATE", Duration.ofMinutes(5)).path("update").path("status");
            framework.acknowledge(status);
            if (status.path("state").asString().equals("TASK_KILLED")) {
                ended++;
            }
        }
    }

    static long percentile(List<Long> values, int percent) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Long> sorted = values.stream().sorted().toList();
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static void cleanup(Path work) throws Exception {
        new ProcessBuilder("sh", "-c", "docker ps -aq --filter label=io.mpaas.agent-work-dir=" + work
                + " | xargs -r docker rm -f >/dev/null; rm -rf " + work).inheritIO().start().waitFor();
    }

    private static String stringArg(String[] args, String name) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return null;
    }

    private static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
