package io.mpaas.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpaas.testkit.framework.RawHttpFramework;
import io.mpaas.testkit.postgres.PostgresDatabase;
import io.mpaas.testkit.process.ServiceProcess;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * The whole path with real processes: the master's jar on PostgreSQL, the agent's jar on the
 * real Docker engine, and a framework that speaks raw HTTP. It launches a web server in a Docker
 * container and reaches it on its mapped port, restarts the agent under the running container
 * (recovered, not restarted), kills it, runs process tasks that finish and fail, fetches URIs
 * into the sandboxes of a Docker and a process task (and fails or kills tasks whose fetch does
 * not end well), and holds a status update while the master is down until the master is back.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgentProcessIT {

    private static final Duration EVENT = Duration.ofSeconds(60);
    /**
     * Ports away from 31000-32000, where an agent of `./platform up` may run on the same machine, and
     * below Linux's ephemeral range (32768-60999), where outgoing connections could hold them.
     */
    private static final int FIRST_PORT = 30100;
    private static final String FRAMEWORK_INFO = "{\"user\":\"root\",\"name\":\"agent-e2e\",\"principal\":\"e2e\",\"failover_timeout\":3600,"
            + "\"checkpoint\":true,\"roles\":[\"*\"],\"capabilities\":[{\"type\":\"MULTI_ROLE\"}]%s}";

    private static PostgresDatabase database;
    private static ServiceProcess master;
    private static int masterPort;
    private static ServiceProcess agent;
    private static int agentPort;
    private static Path agentWorkDir;
    private static RawHttpFramework framework;
    private static final HttpClient http = HttpClient.newHttpClient();
    private static int nextPort = FIRST_PORT;

    @BeforeAll
    static void start() throws Exception {
        database = PostgresDatabase.create("agent_e2e");
        masterPort = ServiceProcess.freePort();
        master = startMaster();
        agentPort = ServiceProcess.freePort();
        agentWorkDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "agent-e2e-");
        agent = startAgent();
        framework = new RawHttpFramework(master.uri(), "e2e", "e2e-secret");
        framework.subscribe(FRAMEWORK_INFO.formatted(""));
    }

    private static ServiceProcess startMaster() throws Exception {
        ServiceProcess m = ServiceProcess.master(Path.of("..", "mesos-master-svc"), "agent-e2e-master", masterPort,
                List.of("--spring.datasource.url=" + database.jdbcUrl(),
                        "--spring.datasource.username=" + database.user(),
                        "--spring.datasource.password=" + database.password(),
                        "--mesos.master.security.credentials[0].principal=e2e",
                        "--mesos.master.security.credentials[0].secret=e2e-secret",
                        "--mesos.master.allocation.interval=200ms"));
        m.awaitHealthy(Duration.ofMinutes(3));
        return m;
    }

    private static ServiceProcess startAgent(String... extra) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("--mesos.agent.work-dir=" + agentWorkDir,
                        "--mesos.agent.hostname=localhost", "--mesos.agent.ip=127.0.0.1",
                        "--mesos.agent.resources=cpus:4;mem:2048;disk:2000;ports:[" + FIRST_PORT + "-"
                                + (FIRST_PORT + 99) + "]",
                        "--mesos.agent.attributes=rack:e2e",
                        "--mesos.agent.master.url=" + master.uri(),
                        "--mesos.agent.master.principal=e2e", "--mesos.agent.master.secret=e2e-secret",
                        "--mesos.agent.security.credentials[0].principal=e2e",
                        "--mesos.agent.security.credentials[0].secret=e2e-secret"));
        arguments.addAll(List.of(extra));
        ServiceProcess a = ServiceProcess.start(Path.of("target"), "agent-svc", "agent-e2e-agent", "/health",
                agentPort, arguments);
        a.awaitHealthy(Duration.ofMinutes(2));
        return a;
    }

    @AfterAll
    static void stop() throws Exception {
        if (framework != null) {
            framework.close();
        }
        if (agent != null) {
            agent.close();
        }
        if (master != null) {
            master.close();
        }
        if (database != null) {
            database.close();
        }
        docker("sh", "-c", "docker ps -aq --filter label=io.mpaas.agent-work-dir=" + agentWorkDir
                + " | xargs -r docker rm -f");
    }

    @Test
    @Order(1)
    void aDockerWebServerIsReachedOnItsMappedPortAndSurvivesAnAgentRestart() throws Exception {
        int port = nextPort++;
        JsonNode offer = offer();
        launch(offer, "web-1", "{\"type\":\"DOCKER\",\"docker\":{\"image\":\"mpaas/busybox:latest\","
                + "\"network\":\"BRIDGE\",\"port_mappings\":[{\"host_port\":" + port
                + ",\"container_port\":8080,\"protocol\":\"tcp\"}]}}", "httpd -f -p 8080", port);
        framework.awaitUpdate("web-1", "TASK_STARTING", EVENT);
        JsonNode running = framework.awaitUpdate("web-1", "TASK_RUNNING", EVENT);
        String container = "mesos-" + running.path("container_status").path("container_id").path("value").asString();
        assertThat(get(port)).isEqualTo("ok");
        String startedAt = docker("docker", "inspect", "-f", "{{.State.StartedAt}}", container);

        agent.kill();
        assertThat(docker("docker", "inspect", "-f", "{{.State.Running}}", container)).isEqualTo("true");
        agent = startAgent();
        Awaitility.await("the agent re-registered with the task").atMost(EVENT).pollInterval(Duration.ofMillis(300))
                .until(() -> "TASK_RUNNING".equals(taskState("web-1")) && agentState().contains("\"registered\":true"));
        assertThat(get(port)).isEqualTo("ok");
        assertThat(docker("docker", "inspect", "-f", "{{.State.StartedAt}}", container)).isEqualTo(startedAt);

        framework.call("KILL", "kill", "{\"task_id\":{\"value\":\"web-1\"},\"agent_id\":"
                + running.path("agent_id") + "}");
        JsonNode killed = framework.awaitUpdate("web-1", "TASK_KILLED", EVENT);
        assertThat(killed.path("source").asString()).isEqualTo("SOURCE_EXECUTOR");
        assertThat(docker("docker", "inspect", "-f", "{{.State.Running}}", container)).isEqualTo("false");
    }

    @Test
    @Order(2)
    void processTasksFinishAndFailWithTheirExitStatusAndStderr() throws Exception {
        launch(offer(), "ok-1", null, "echo hello; exit 0", null);
        JsonNode finished = framework.awaitUpdate("ok-1", "TASK_FINISHED", EVENT);
        assertThat(finished.path("message").asString()).contains("status 0");

        launch(offer(), "fail-1", null, "echo broken >&2; exit 3", null);
        JsonNode failed = framework.awaitUpdate("fail-1", "TASK_FAILED", EVENT);
        assertThat(failed.path("message").asString()).contains("status 3").contains("broken");
        assertThat(failed.path("reason").asString()).isEqualTo("REASON_COMMAND_EXECUTOR_FAILED");
    }

    @Test
    @Order(3)
    void anUnknownImageEndsInTaskError() throws Exception {
        launch(offer(), "bad-image-1", "{\"type\":\"DOCKER\",\"docker\":{\"image\":\"mpaas/does-not-exist:1\","
                + "\"network\":\"HOST\"}}", "true", null);
        JsonNode error = framework.awaitUpdate("bad-image-1", "TASK_ERROR", EVENT);
        assertThat(error.path("message").asString()).contains("mpaas/does-not-exist:1");
    }

    @Test
    @Order(4)
    void urisAreFetchedIntoTheSandboxBeforeDockerAndProcessTasksStart() throws Exception {
        // The agent fetches on the host, so the server is reached on the loopback address.
        Path archive = dataArchive();
        CountDownLatch releaseStalled = new CountDownLatch(1);
        CountDownLatch stalledRequested = new CountDownLatch(1);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().getPath();
                if (path.equals("/stalled.tgz")) {
                    // Promises 1000 bytes, sends 10, then nothing until the test ends.
                    exchange.sendResponseHeaders(200, 1000);
                    exchange.getResponseBody().write(new byte[10]);
                    exchange.getResponseBody().flush();
                    stalledRequested.countDown();
                    releaseStalled.await(2, TimeUnit.MINUTES);
                    return;
                }
                byte[] body = path.equals("/tool") ? "#!/bin/sh\necho tool\n".getBytes(StandardCharsets.UTF_8)
                        : path.equals("/data.tgz") ? Files.readAllBytes(archive) : null;
                if (body == null) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        String uris = "[{\"value\":\"" + base + "/tool\",\"executable\":true},"
                + "{\"value\":\"" + base + "/data.tgz\",\"extract\":true,\"cache\":true}]";
        String busybox = "{\"type\":\"DOCKER\",\"docker\":{\"image\":\"mpaas/busybox:latest\",\"network\":\"HOST\"}}";
        try {
            launch(offer(), "fetch-docker-1", busybox, "test -x $MESOS_SANDBOX/tool"
                    + " && test \"$(cat $MESOS_SANDBOX/data/x.txt)\" = hello", null, uris);
            JsonNode docker = awaitEnd("fetch-docker-1");
            assertThat(docker.path("state").asString()).as(docker.toString()).isEqualTo("TASK_FINISHED");

            launch(offer(), "fetch-process-1", null, "test -x ./tool && test \"$(cat data/x.txt)\" = hello"
                    + " && test \"$MESOS_SANDBOX\" = \"$(pwd)\"", null, uris);
            JsonNode process = awaitEnd("fetch-process-1");
            assertThat(process.path("state").asString()).as(process.toString()).isEqualTo("TASK_FINISHED");

            String missing = base + "/missing.tgz";
            launch(offer(), "fetch-404-1", busybox, "true", null, "[{\"value\":\"" + missing + "\"}]");
            JsonNode failed = awaitEnd("fetch-404-1");
            assertThat(failed.path("state").asString()).isEqualTo("TASK_FAILED");
            assertThat(failed.path("message").asString())
                    .isEqualTo("Failed to fetch '" + missing + "': HTTP 404 Not Found");
            assertThat(failed.path("reason").asString()).isEqualTo("REASON_CONTAINER_LAUNCH_FAILED");
            assertThat(docker("docker", "ps", "-aq", "--filter", "label=io.mpaas.task-id=fetch-404-1")).isEmpty();

            launch(offer(), "fetch-killed-1", busybox, "true", null, "[{\"value\":\"" + base + "/stalled.tgz\"}]");
            JsonNode starting = framework.awaitUpdate("fetch-killed-1", "TASK_STARTING", EVENT);
            assertThat(stalledRequested.await(EVENT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            framework.call("KILL", "kill", "{\"task_id\":{\"value\":\"fetch-killed-1\"},\"agent_id\":"
                    + starting.path("agent_id") + "}");
            JsonNode killed = framework.awaitUpdate("fetch-killed-1", "TASK_KILLED", EVENT);
            assertThat(killed.path("reason").asString()).isEqualTo("REASON_TASK_KILLED_DURING_LAUNCH");
            assertThat(docker("docker", "ps", "-aq", "--filter", "label=io.mpaas.task-id=fetch-killed-1")).isEmpty();

            // Since the agent's restart in the first test: two fetches succeeded, two did not.
            Awaitility.await("the fetcher's metrics").atMost(EVENT).pollInterval(Duration.ofMillis(200))
                    .until(() -> metric("containerizer/fetcher/task_fetches_failed") == 2.0);
            assertThat(metric("containerizer/fetcher/task_fetches_succeeded")).isEqualTo(2.0);
            assertThat(metric("containerizer/fetcher/cache_size_used_bytes")).isEqualTo((double) Files.size(archive));
        } finally {
            releaseStalled.countDown();
            server.stop(0);
        }
    }

    /** The first terminal update of a task, whichever state it is (a failure shows its message at once). */
    private static JsonNode awaitEnd(String taskId) throws Exception {
        long deadline = System.nanoTime() + EVENT.toNanos();
        while (true) {
            JsonNode status = framework.next("UPDATE", Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))
                    .path("update").path("status");
            framework.acknowledge(status);
            String state = status.path("state").asString();
            List<String> terminal = List.of("TASK_FINISHED", "TASK_FAILED", "TASK_KILLED", "TASK_ERROR", "TASK_LOST");
            if (taskId.equals(status.path("task_id").path("value").asString()) && terminal.contains(state)) {
                return status;
            }
        }
    }

    /** {@code data/x.txt} saying hello, packed with the machine's tar. */
    private static Path dataArchive() throws Exception {
        Path src = Files.createDirectories(agentWorkDir.resolve("fetch-src/data"));
        Files.writeString(src.resolve("x.txt"), "hello");
        Path archive = agentWorkDir.resolve("data.tgz");
        Process tar = new ProcessBuilder("tar", "-czf", archive.toString(), "-C", src.getParent().toString(), "data")
                .inheritIO().start();
        assertThat(tar.waitFor()).isZero();
        return archive;
    }

    @Test
    @Order(5)
    void anUpdateMadeWhileTheMasterIsDownArrivesWhenItComesBack() throws Exception {
        Path release = agentWorkDir.resolve("release-" + System.nanoTime());
        launch(offer(), "waits-1", null, "while [ ! -e " + release + " ]; do sleep 0.1; done; exit 0", null);
        framework.awaitUpdate("waits-1", "TASK_RUNNING", EVENT);
        String frameworkId = framework.frameworkId();

        master.kill();
        Files.createFile(release);
        Awaitility.await("the task ended while the master was down").atMost(EVENT)
                .pollInterval(Duration.ofMillis(200)).until(() -> "TASK_FINISHED".equals(taskState("waits-1")));
        framework.close();

        master = startMaster();
        framework = new RawHttpFramework(master.uri(), "e2e", "e2e-secret");
        // A new leader answers 503 until it has recovered its registry and its agents are back.
        Awaitility.await("the master takes subscriptions again").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(300)).ignoreExceptionsMatching(e -> String.valueOf(e.getMessage()).contains(" 503:"))
                .until(() -> framework.subscribe(FRAMEWORK_INFO.formatted(",\"id\":{\"value\":\"" + frameworkId
                        + "\"}"), frameworkId) != null);
        JsonNode finished = framework.awaitUpdate("waits-1", "TASK_FINISHED", Duration.ofMinutes(2));
        assertThat(finished.path("source").asString()).isEqualTo("SOURCE_EXECUTOR");
    }

    @Test
    @Order(6)
    void aDockerEngineDownWhenTheAgentRestartsLosesNoTask() throws Exception {
        int port = nextPort++;
        launch(offer(), "web-2", "{\"type\":\"DOCKER\",\"docker\":{\"image\":\"mpaas/busybox:latest\","
                + "\"network\":\"BRIDGE\",\"port_mappings\":[{\"host_port\":" + port
                + ",\"container_port\":8080,\"protocol\":\"tcp\"}]}}", "httpd -f -p 8080", port);
        JsonNode running = framework.awaitUpdate("web-2", "TASK_RUNNING", EVENT);
        String container = "mesos-" + running.path("container_status").path("container_id").path("value").asString();

        // The agent comes back to a Docker engine that does not answer: a socket path that is not there yet.
        Path engineDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "docker-down-");
        Path socket = engineDir.resolve("docker.sock");
        agent.kill();
        agent = startAgent("--mesos.agent.docker.host=unix://" + socket);
        Awaitility.await("the agent re-registered, the task still running").atMost(EVENT)
                .pollInterval(Duration.ofMillis(300))
                .until(() -> "TASK_RUNNING".equals(taskState("web-2")) && agentState().contains("\"registered\":true"));
        assertThat(get(port)).as("the container ran on").isEqualTo("ok");

        // A KILL while the engine is away is held; when the engine answers again the agent finds the container
        // and delivers it.
        framework.call("KILL", "kill", "{\"task_id\":{\"value\":\"web-2\"},\"agent_id\":"
                + running.path("agent_id") + "}");
        Files.createSymbolicLink(socket, Path.of("/var/run/docker.sock"));
        List<String> states = statesOf("web-2", EVENT);
        assertThat(states).as("never reported lost").doesNotContain("TASK_LOST", "TASK_GONE").last()
                .isEqualTo("TASK_KILLED");
        assertThat(docker("docker", "inspect", "-f", "{{.State.Running}}", container)).isEqualTo("false");
    }

    @Test
    @Order(7)
    void aTaskStillRunningAtItsMaximumCompletionTimeFails() throws Exception {
        launch(offer(), "overdue-1", null, "sleep 300", null, "[]",
                "\"max_completion_time\":{\"nanoseconds\":1000000000},");
        JsonNode failed = framework.awaitUpdate("overdue-1", "TASK_FAILED", EVENT);
        assertThat(failed.path("reason").asString()).isEqualTo("REASON_MAX_COMPLETION_TIME_REACHED");
        assertThat(failed.path("message").asString()).contains("maximum completion time");
    }

    // ---------------------------------------------------------------- helpers

    /**
     * The states of the updates of {@code taskId} that arrive within {@code timeout}, acknowledging each, up to and
     * including a terminal one.
     */
    private static List<String> statesOf(String taskId, Duration timeout) throws Exception {
        List<String> states = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode event;
            try {
                event = framework.next("UPDATE", Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            } catch (AssertionError | IllegalStateException noMore) {
                break;
            }
            if (event == null) {
                break;
            }
            JsonNode status = event.path("update").path("status");
            framework.acknowledge(status);
            if (taskId.equals(status.path("task_id").path("value").asString())) {
                String state = status.path("state").asString();
                states.add(state);
                if (List.of("TASK_KILLED", "TASK_LOST", "TASK_GONE", "TASK_FAILED", "TASK_FINISHED").contains(state)) {
                    break;
                }
            }
        }
        return states;
    }

    /**
     * The next offer that was not rescinded meanwhile. An offer made before the agent restart in
     * the first test (its resources come back 5 s after a launch, when the default filter ends) is
     * rescinded when the agent disconnects, but its OFFERS event is still queued: launching on it
     * ends in TASK_LOST. Whether it was made before the restart depends on the machine's speed.
     */
    private static JsonNode offer() throws InterruptedException {
        while (true) {
            JsonNode offer = framework.next("OFFERS", EVENT).path("offers").path("offers").get(0);
            collectRescinds();
            if (!RESCINDED.contains(offer.path("id").path("value").asString())) {
                return offer;
            }
        }
    }

    /** The offer ids of every RESCIND received so far (the framework keeps them queued until asked). */
    private static final Set<String> RESCINDED = new HashSet<>();

    private static void collectRescinds() throws InterruptedException {
        try {
            while (true) {
                RESCINDED.add(framework.next("RESCIND", Duration.ofMillis(100)).path("rescind").path("offer_id")
                        .path("value").asString());
            }
        } catch (AssertionError noMore) {
            // RawHttpFramework.next says "no event within" this way
        }
    }

    private static void launch(JsonNode offer, String taskId, String container, String command, Integer port)
            throws Exception {
        launch(offer, taskId, container, command, port, "[]");
    }

    private static void launch(JsonNode offer, String taskId, String container, String command, Integer port,
            String uris) throws Exception {
        launch(offer, taskId, container, command, port, uris, "");
    }

    /** {@code moreFields}: further TaskInfo fields, each followed by a comma. */
    private static void launch(JsonNode offer, String taskId, String container, String command, Integer port,
            String uris, String moreFields) throws Exception {
        List<String> resources = new ArrayList<>(List.of(scalar("cpus", 0.1), scalar("mem", 64)));
        if (port != null) {
            resources.add("{\"name\":\"ports\",\"type\":\"RANGES\",\"ranges\":{\"range\":[{\"begin\":" + port
                    + ",\"end\":" + port + "}]},\"allocation_info\":{\"role\":\"*\"}}");
        }
        String task = "{\"name\":\"" + taskId + "\",\"task_id\":{\"value\":\"" + taskId + "\"},\"agent_id\":"
                + offer.path("agent_id") + ",\"resources\":[" + String.join(",", resources) + "],"
                + (container == null ? "" : "\"container\":" + container + ",") + moreFields
                + "\"command\":{\"shell\":true,\"uris\":" + uris + ",\"value\":\"" + command.replace("\"", "\\\"")
                + "\"}}";
        framework.call("ACCEPT", "accept", "{\"offer_ids\":[" + offer.path("id") + "],\"operations\":[{\"type\":"
                + "\"LAUNCH\",\"launch\":{\"task_infos\":[" + task + "]}}],\"filters\":{\"refuse_seconds\":0.1}}");
    }

    private static String scalar(String name, double value) {
        return "{\"name\":\"" + name + "\",\"type\":\"SCALAR\",\"scalar\":{\"value\":" + value
                + "},\"allocation_info\":{\"role\":\"*\"}}";
    }

    private static String get(int port) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .timeout(Duration.ofSeconds(2)).build();
        return Awaitility.await("HTTP answer on port " + port).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> http.send(request, HttpResponse.BodyHandlers.ofString()).body().strip(),
                        body -> !body.isEmpty());
    }

    private static String agentState() throws IOException, InterruptedException {
        return agentGet("/state");
    }

    private static double metric(String name) throws IOException, InterruptedException {
        return tools.jackson.databind.json.JsonMapper.builder().build().readTree(agentGet("/metrics/snapshot"))
                .path(name).asDouble();
    }

    private static String agentGet(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agentPort + path))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        "e2e:e2e-secret".getBytes(StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(5)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The task's state in the agent's /state, or null when the agent does not show it. */
    private static String taskState(String taskId) throws IOException, InterruptedException {
        JsonNode state = tools.jackson.databind.json.JsonMapper.builder().build().readTree(agentState());
        for (String list : List.of("frameworks", "completed_frameworks")) {
            for (JsonNode f : state.path(list)) {
                for (String executors : List.of("executors", "completed_executors")) {
                    for (JsonNode e : f.path(executors)) {
                        for (String tasks : List.of("tasks", "completed_tasks")) {
                            for (JsonNode t : e.path(tasks)) {
                                if (taskId.equals(t.path("id").asString())) {
                                    return t.path("state").asString();
                                }
                            }
                        }
                    }
                }
            }
        }
        return null;
    }

    private static String docker(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor();
        return out;
    }
}
