package io.mpaas.marathon.bench;

import io.mpaas.testkit.postgres.PostgresDatabase;
import io.mpaas.testkit.process.ServiceProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The Mesos side of a benchmark: the master's real jar (a process, on its own PostgreSQL
 * database) and N {@link io.mpaas.testkit.agent.SimulatedAgent}s in a second process
 * ({@link AgentFleet}), linked to it over the real agent link. The agents run nothing: they
 * answer a launch with STARTING, then RUNNING once STARTING is acknowledged, as a real agent's
 * status update manager does.
 */
final class SimulatedCluster implements AutoCloseable {

    private final PostgresDatabase masterDb;
    private final ServiceProcess master;
    private Process fleet;
    private PrintWriter fleetIn;
    private BufferedReader fleetOut;
    private final Thread cleanup;

    private SimulatedCluster(PostgresDatabase masterDb, ServiceProcess master) {
        this.masterDb = masterDb;
        this.master = master;
        // Also when the benchmark is interrupted: no master or agent process outlives it.
        this.cleanup = new Thread(this::destroy);
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    /**
     * Starts the master with the given allocation interval and {@code agentCount} agents of
     * {@code agentResources}, and returns once every agent is registered.
     */
    static SimulatedCluster start(int agentCount, String agentResources, int agentConnections,
            Duration allocationInterval) throws Exception {
        // Run from marathon-svc (as the script does): the master's jar is in ../mesos-master-svc/target.
        Files.createDirectories(Path.of("target"));
        PostgresDatabase db = PostgresDatabase.create("marathon_bench_master");
        ServiceProcess master;
        try {
            master = ServiceProcess.master(Path.of("..", "mesos-master-svc"), "marathon-bench-master", List.of(
                    "--spring.datasource.url=" + db.jdbcUrl(),
                    "--spring.datasource.username=" + db.user(),
                    "--spring.datasource.password=" + db.password(),
                    "--mesos.master.allocation.interval=" + allocationInterval.toMillis() + "ms",
                    "--logging.level.root=WARN", "--logging.level.io.mpaas=WARN"));
        } catch (IOException | RuntimeException e) {
            db.close();
            throw e;
        }
        SimulatedCluster cluster = new SimulatedCluster(db, master);
        try {
            master.awaitHealthy(Duration.ofMinutes(3));
            cluster.startFleet(agentCount, agentResources, agentConnections);
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    private void startFleet(int agentCount, String agentResources, int connections) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        fleet = new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                AgentFleet.class.getName(), master.uri().toString(), Integer.toString(agentCount), agentResources,
                Integer.toString(connections))
                .redirectError(ProcessBuilder.Redirect.appendTo(Path.of("target", "marathon-bench-agents.log").toFile()))
                .start();
        fleetIn = new PrintWriter(fleet.getOutputStream(), true, StandardCharsets.UTF_8);
        fleetOut = new BufferedReader(new InputStreamReader(fleet.getInputStream(), StandardCharsets.UTF_8));
        String line = fleetOut.readLine();
        if (!"registered".equals(line)) {
            throw new IllegalStateException("the agents did not register (" + line
                    + "); see target/marathon-bench-agents.log");
        }
    }

    URI masterUri() {
        return master.uri();
    }

    /** The name of the master's database. */
    String masterDatabaseName() {
        return masterDb.name();
    }

    /** CPU time the master process has used so far (from the OS). */
    Duration masterCpu() {
        return cpuOf(master.pid());
    }

    /** CPU time the agents' process has used so far. */
    Duration agentsCpu() {
        return cpuOf(fleet.pid());
    }

    private static Duration cpuOf(long pid) {
        return ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration()).orElse(Duration.ZERO);
    }

    /**
     * Starts a JFR recording ({@code profile} settings) in the master's and the agents' processes,
     * through {@code jcmd}: their CPU per instance is as much part of the launch as marathon's.
     */
    void startRecordings() throws IOException, InterruptedException {
        jcmd(master.pid(), "JFR.start", "name=bench", "settings=profile");
        jcmd(fleet.pid(), "JFR.start", "name=bench", "settings=profile");
    }

    /** Stops the recordings and writes them to {@code <file>-master.jfr} and {@code <file>-agents.jfr}. */
    void stopRecordings(String file) throws IOException, InterruptedException {
        String base = file.endsWith(".jfr") ? file.substring(0, file.length() - 4) : file;
        jcmd(master.pid(), "JFR.stop", "name=bench", "filename=" + Path.of(base + "-master.jfr").toAbsolutePath());
        jcmd(fleet.pid(), "JFR.stop", "name=bench", "filename=" + Path.of(base + "-agents.jfr").toAbsolutePath());
    }

    private static void jcmd(long pid, String... command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        List<String> line = new java.util.ArrayList<>(List.of(jcmd.toString(), Long.toString(pid)));
        line.addAll(List.of(command));
        Process process = new ProcessBuilder(line).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            System.err.println("jcmd " + line + " failed");
        }
    }

    /** Open file descriptors (mostly sockets) of the master and of the agents' process, from /proc. */
    int[] openFiles() {
        return new int[] {openFilesOf(master.pid()), openFilesOf(fleet.pid())};
    }

    static int openFilesOf(long pid) {
        String[] names = Path.of("/proc", Long.toString(pid), "fd").toFile().list();
        return names == null ? -1 : names.length;
    }

    /** Tasks the agents run now (not terminal): the ground truth of what is launched. */
    synchronized int activeTasks() {
        fleetIn.println("active");
        try {
            String line = fleetOut.readLine();
            if (line == null) {
                throw new IllegalStateException("the agents' process ended; see target/marathon-bench-agents.log");
            }
            return Integer.parseInt(line.strip());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the agents know of one task, in one line. */
    synchronized String describeTask(String taskId) {
        fleetIn.println("task " + taskId);
        try {
            return fleetOut.readLine();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Polls {@code condition} every 20 ms until it holds; the interval bounds the measurement error. */
    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + timeout + " waiting for " + what);
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    private void destroy() {
        if (fleet != null) {
            fleet.destroyForcibly();
        }
        ProcessHandle.of(master.pid()).ifPresent(ProcessHandle::destroyForcibly);
        masterDb.close();
    }

    @Override
    public void close() throws InterruptedException {
        if (fleet != null) {
            fleetIn.close();
            if (!fleet.waitFor(20, TimeUnit.SECONDS)) {
                fleet.destroyForcibly();
            }
        }
        master.close();
        masterDb.close();
        Runtime.getRuntime().removeShutdownHook(cleanup);
    }
}
