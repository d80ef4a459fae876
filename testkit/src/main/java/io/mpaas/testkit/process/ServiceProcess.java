package io.mpaas.testkit.process;

import java.io.File;
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
import java.util.List;

/**
 * A service's real jar (the Spring Boot fat jar a module's {@code package} phase builds),
 * started as its own process, as an operator would run it, with its output in a log file.
 */
public final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;
    private final String healthPath;

    private ServiceProcess(Process process, int port, Path log, String healthPath) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.healthPath = healthPath;
    }

    /** The master's jar from {@code mesos-master-svc/target}, on a free port, with its work dir under {@code target/<name>}. */
    public static ServiceProcess master(Path masterModule, String name, List<String> arguments) throws IOException {
        return master(masterModule, name, freePort(), arguments);
    }

    /** The master on a given port (to restart it where its agents and frameworks look for it). */
    public static ServiceProcess master(Path masterModule, String name, int port, List<String> arguments)
            throws IOException {
        List<String> all = new ArrayList<>(List.of("--mesos.master.hostname=localhost",
                "--mesos.master.advertise-ip=127.0.0.1", "--mesos.master.work-dir=target/" + name));
        all.addAll(arguments);
        return start(masterModule.resolve("target"), "mesos-master-svc", name, "/master/health", port, all);
    }

    /**
     * The master as the end-to-end tests of the other services run it: from {@code ../mesos-master-svc}, on
     * {@code db}, admitting one principal (for frameworks and agents alike), allocating every 200 ms.
     */
    public static ServiceProcess masterOn(io.mpaas.testkit.postgres.PostgresDatabase db, String name,
            String principal, String secret) throws IOException {
        return master(Path.of("..", "mesos-master-svc"), name, freePort(), List.of(
                "--spring.datasource.url=" + db.jdbcUrl(),
                "--spring.datasource.username=" + db.user(),
                "--spring.datasource.password=" + db.password(),
                "--mesos.master.security.credentials[0].principal=" + principal,
                "--mesos.master.security.credentials[0].secret=" + secret,
                "--mesos.master.allocation.interval=200ms"));
    }

    /**
     * Marathon as the end-to-end tests run it: the jar from {@code marathonTarget}, on {@code port}, storing its state
     * in {@code db}, subscribed to {@code master} with one principal (also its API user), and refusing unused
     * offers for only 200 ms so that launches do not wait on filters; {@code extra} arguments come last.
     */
    public static ServiceProcess marathonOn(Path marathonTarget, io.mpaas.testkit.postgres.PostgresDatabase db,
            String name, int port, URI master, String principal, String secret, List<String> extra)
            throws IOException {
        List<String> arguments = new ArrayList<>(List.of(
                "--spring.datasource.url=" + db.jdbcUrl(),
                "--spring.datasource.username=" + db.user(),
                "--spring.datasource.password=" + db.password(),
                "--marathon.mesos.master=" + master,
                "--marathon.mesos.principal=" + principal, "--marathon.mesos.secret=" + secret,
                "--marathon.security.user=" + principal, "--marathon.security.password=" + secret,
                "--marathon.launch.unused-refuse=200ms"));
        arguments.addAll(extra);
        return start(marathonTarget, "marathon-svc", name, "/ping", port, arguments);
    }

    /**
     * A real agent from {@code ../agent-svc} on 127.0.0.1 with 4 CPUs, 2 GB, and the host ports
     * {@code firstPort} to {@code firstPort + 99} (keep them below Linux's ephemeral range and away from
     * 31000-32000, where an agent of {@code ./platform up} may run), registered at {@code master}.
     */
    public static ServiceProcess agent(String name, URI master, Path workDir, int firstPort, String principal,
            String secret) throws IOException {
        return start(Path.of("..", "agent-svc", "target"), "agent-svc", name, "/health", freePort(), List.of(
                "--mesos.agent.work-dir=" + workDir,
                "--mesos.agent.hostname=127.0.0.1", "--mesos.agent.ip=127.0.0.1",
                "--mesos.agent.resources=cpus:4;mem:2048;disk:2000;ports:[" + firstPort + "-" + (firstPort + 99) + "]",
                "--mesos.agent.master.url=" + master,
                "--mesos.agent.master.principal=" + principal, "--mesos.agent.master.secret=" + secret));
    }

    /**
     * Starts {@code <artifact>-<version>.jar} from {@code targetDir} with {@code --server.port=port}
     * and {@code arguments}; its output goes to {@code target/<name>.log}.
     */
    public static ServiceProcess start(Path targetDir, String artifact, String name, String healthPath, int port,
            List<String> arguments) throws IOException {
        Path jar;
        try (var files = Files.list(targetDir)) {
            jar = files.filter(p -> p.getFileName().toString().matches(java.util.regex.Pattern.quote(artifact)
                            + "-[0-9].*\\.jar"))
                    .filter(p -> !p.toString().endsWith("-plain.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no " + artifact + " jar in " + targetDir
                            + ": run `mvn package` first"));
        }
        Path log = Path.of("target", name + ".log");
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xmx512m");
        command.add("-jar");
        command.add(jar.toString());
        command.add("--server.port=" + port);
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return new ServiceProcess(process, port, log, healthPath);
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public URI uri() {
        return URI.create("http://localhost:" + port);
    }

    /** Polls the health endpoint until it answers 200, failing at once if the process dies. */
    public void awaitHealthy(Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest health = HttpRequest.newBuilder(uri().resolve(healthPath)).timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(log + ": the process exited with " + process.exitValue());
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(log + ": not healthy within " + timeout);
            }
            Thread.sleep(200);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** Kills the process at once (SIGKILL), as a crash would. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    public File log() {
        return log.toFile();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
