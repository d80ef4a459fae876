package io.mpaas.marathon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpaas.testkit.postgres.PostgresDatabase;
import io.mpaas.testkit.process.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.StreamSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole platform as a user meets it: the master's jar and marathon's jar on PostgreSQL, an
 * agent's jar on the real Docker engine. A busybox web app with three instances, an HTTP health
 * check and a service port is POSTed as Marathon JSON; it is followed through {@code /v2/apps},
 * the event stream and a request to each instance; it is scaled, rolled to a new version, healed
 * after a container is removed by hand, and deleted with every container gone.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MarathonProcessIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    /**
     * Ports away from 31000-32000, where an agent of `./platform up` may run on the same machine, and
     * below Linux's ephemeral range (32768-60999), where outgoing connections could hold them.
     */
    private static final int FIRST_PORT = 30300;
    private static final String APP = "/e2e/web";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static PostgresDatabase masterDb;
    private static PostgresDatabase marathonDb;
    private static ServiceProcess master;
    private static ServiceProcess agent;
    private static ServiceProcess marathon;
    private static Path agentWorkDir;
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final List<String> events = new CopyOnWriteArrayList<>();
    private static Thread eventReader;

    @BeforeAll
    static void start() throws Exception {
        masterDb = PostgresDatabase.create("marathon_e2e_master");
        marathonDb = PostgresDatabase.create("marathon_e2e");
        master = ServiceProcess.masterOn(masterDb, "marathon-e2e-master", "e2e", "e2e-secret");
        master.awaitHealthy(Duration.ofMinutes(3));
        agentWorkDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "marathon-e2e-agent-");
        agent = ServiceProcess.agent("marathon-e2e-agent", master.uri(), agentWorkDir, FIRST_PORT, "e2e",
                "e2e-secret");
        agent.awaitHealthy(Duration.ofMinutes(2));
        marathon = ServiceProcess.marathonOn(Path.of("target"), marathonDb, "marathon-e2e",
                ServiceProcess.freePort(), master.uri(), "e2e", "e2e-secret", List.of());
        marathon.awaitHealthy(Duration.ofMinutes(2));
        eventReader = Thread.ofVirtual().start(MarathonProcessIT::readEvents);
    }

    @AfterAll
    static void stop() throws Exception {
        if (eventReader != null) {
            eventReader.interrupt();
        }
        for (ServiceProcess p : new ServiceProcess[] {marathon, agent, master}) {
            if (p != null) {
                p.close();
            }
        }
        for (PostgresDatabase db : new PostgresDatabase[] {marathonDb, masterDb}) {
            if (db != null) {
                db.close();
            }
        }
        if (agentWorkDir != null) {
            sh("docker ps -aq --filter label=io.mpaas.agent-work-dir=" + agentWorkDir + " | xargs -r docker rm -f");
        }
    }

    @Test
    @Order(1)
    void aPostedWebAppRunsHealthyOnItsPortsAndIsAnnouncedOnTheEventStream() throws Exception {
        Awaitility.await("the event stream is attached").atMost(WAIT).until(() -> events.stream()
                .anyMatch(e -> e.startsWith("event: event_stream_attached")));
        String app = """
                {"id": "%s", "instances": 3, "cpus": 0.1, "mem": 32, "cmd": "httpd -f -p 8080",
                 "container": {"type": "DOCKER", "docker": {"image": "mpaas/busybox:latest"},
                   "portMappings": [{"containerPort": 8080, "hostPort": 0, "servicePort": 0, "protocol": "tcp"}]},
                 "networks": [{"mode": "container/bridge"}],
                 "healthChecks": [{"protocol": "HTTP", "path": "/", "portIndex": 0, "gracePeriodSeconds": 30,
                   "intervalSeconds": 2, "timeoutSeconds": 2, "maxConsecutiveFailures": 3}]}
                """.formatted(APP);
        HttpResponse<String> created = send("POST", "/v2/apps", app);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).isPresent();
        assertThat(created.headers().firstValue("Marathon-Deployment-Id")).isPresent();
        JsonNode body = JSON.readTree(created.body());
        assertThat(body.path("deployments").get(0).path("id").asString()).isNotEmpty();
        int servicePort = body.path("container").path("portMappings").get(0).path("servicePort").asInt();
        assertThat(servicePort).isBetween(10000, 20000);

        JsonNode running = awaitApp(a -> a.path("tasksHealthy").asInt() == 3 && a.path("tasksRunning").asInt() == 3);
        for (JsonNode task : running.path("tasks")) {
            assertThat(task.path("state").asString()).isEqualTo("TASK_RUNNING");
            assertThat(task.path("servicePorts").get(0).asInt()).isEqualTo(servicePort);
            assertThat(get("http://127.0.0.1:" + task.path("ports").get(0).asInt() + "/")).isEqualTo("ok");
        }
        Awaitility.await("events of the deployment").atMost(WAIT).until(() ->
                events.stream().anyMatch(e -> e.startsWith("event: status_update_event") && e.contains("TASK_RUNNING"))
                        && events.stream().anyMatch(e -> e.startsWith("event: health_status_changed_event"))
                        && events.stream().anyMatch(e -> e.startsWith("event: deployment_success")));
        awaitNoDeployments();
    }

    @Test
    @Order(2)
    void itScalesUpAndDown() throws Exception {
        assertThat(send("PUT", "/v2/apps" + APP, "{\"instances\": 5}").statusCode()).isEqualTo(200);
        awaitApp(a -> a.path("tasksHealthy").asInt() == 5 && a.path("tasks").size() == 5);
        awaitNoDeployments();
    }

    @Test
    @Order(3)
    void aNewVersionRollsOutKeepingHalfTheInstancesHealthy() throws Exception {
        JsonNode before = JSON.readTree(send("GET", "/v2/apps" + APP, null).body()).path("app");
        HttpResponse<String> rolled = send("PUT", "/v2/apps" + APP, """
                {"env": {"RELEASE": "2"}, "upgradeStrategy": {"minimumHealthCapacity": 0.5, "maximumOverCapacity": 0}}
                """);
        assertThat(rolled.statusCode()).as(rolled.body()).isEqualTo(200);
        String version = JSON.readTree(rolled.body()).path("version").asString();
        assertThat(version).isNotEqualTo(before.path("version").asString());
        JsonNode after = awaitApp(a -> a.path("tasksHealthy").asInt() == 5 && a.path("deployments").isEmpty()
                && StreamSupport.stream(a.path("tasks").spliterator(), false)
                        .allMatch(t -> t.path("version").asString().equals(version)));
        assertThat(after.path("tasks").size()).isEqualTo(5);
        assertThat(after.path("env").path("RELEASE").asString()).isEqualTo("2");
    }

    @Test
    @Order(4)
    void aContainerRemovedByHandIsReplaced() throws Exception {
        assertThat(send("PUT", "/v2/apps" + APP, "{\"instances\": 1}").statusCode()).isEqualTo(200);
        JsonNode one = awaitApp(a -> a.path("tasks").size() == 1 && a.path("tasksHealthy").asInt() == 1
                && a.path("deployments").isEmpty());
        String taskId = one.path("tasks").get(0).path("id").asString();
        String container = sh("docker ps -q --filter label=io.mpaas.agent-work-dir=" + agentWorkDir).strip();
        assertThat(container.lines()).hasSize(1);
        sh("docker rm -f " + container);
        JsonNode healed = awaitApp(a -> a.path("tasks").size() == 1 && a.path("tasksHealthy").asInt() == 1
                && !a.path("tasks").get(0).path("id").asString().equals(taskId));
        assertThat(get("http://127.0.0.1:" + healed.path("tasks").get(0).path("ports").get(0).asInt() + "/"))
                .isEqualTo("ok");
    }

    @Test
    @Order(5)
    void deletingTheAppRemovesEveryContainer() throws Exception {
        HttpResponse<String> deleted = send("DELETE", "/v2/apps" + APP, null);
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
        Awaitility.await("the app is gone").atMost(WAIT).pollInterval(Duration.ofMillis(500))
                .until(() -> send("GET", "/v2/apps" + APP, null).statusCode() == 404);
        Awaitility.await("no container runs").atMost(WAIT).pollInterval(Duration.ofMillis(500))
                .until(() -> sh("docker ps -q --filter label=io.mpaas.agent-work-dir=" + agentWorkDir).isBlank());
        Awaitility.await("app_terminated_event").atMost(WAIT)
                .until(() -> events.stream().anyMatch(e -> e.startsWith("event: app_terminated_event")));
    }

    /**
     * Mesosphere's own Java client ({@code com.mesosphere:marathon-client}, Feign and Gson), unchanged,
     * drives a whole app life: create, read, tasks, scale, deployments, queue, info, event
     * subscriptions, an error for an unknown app, delete.
     */
    @Test
    @Order(6)
    void mesospheresJavaClientWorksUnchanged() throws Exception {
        mesosphere.marathon.client.Marathon client = mesosphere.marathon.client.MarathonClient
                .getInstanceWithBasicAuth(marathon.uri().toString(), "e2e", "e2e-secret");
        mesosphere.marathon.client.model.v2.App app = new mesosphere.marathon.client.model.v2.App();
        app.setId("/e2e/client");
        app.setCmd("sleep 1000");
        app.setInstances(2);
        app.setCpus(0.1);
        app.setMem(16.0);
        mesosphere.marathon.client.model.v2.VersionedApp created = client.createApp(app);
        assertThat(created.getVersion()).isNotBlank();
        Awaitility.await("two running tasks through the client").atMost(WAIT).pollInterval(Duration.ofMillis(500))
                .until(() -> client.getAppTasks("/e2e/client").getTasks().stream()
                        .filter(t -> "TASK_RUNNING".equals(t.getState())).count() == 2);
        assertThat(client.getApp("/e2e/client").getApp().getTasksRunning()).isEqualTo(2);
        assertThat(client.getApps().getApps()).extracting(mesosphere.marathon.client.model.v2.App::getId)
                .contains("/e2e/client");
        assertThat(client.getServerInfo().getName()).isEqualTo("marathon");
        assertThat(client.getServerInfo().getElected()).isTrue();
        assertThat(client.getQueue()).isNotNull();

        mesosphere.marathon.client.model.v2.App scale = new mesosphere.marathon.client.model.v2.App();
        scale.setInstances(1);
        assertThat(client.updateApp("/e2e/client", scale, false).getDeploymentId()).isNotBlank();
        assertThat(client.getDeployments()).isNotNull();
        Awaitility.await("scaled to one through the client").atMost(WAIT).pollInterval(Duration.ofMillis(500))
                .until(() -> client.getAppTasks("/e2e/client").getTasks().size() == 1
                        && client.getDeployments().isEmpty());

        client.register("http://127.0.0.1:9/callback");
        assertThat(client.subscriptions().getCallbackUrls()).contains("http://127.0.0.1:9/callback");
        client.unregister("http://127.0.0.1:9/callback");

        try {
            client.getApp("/e2e/missing");
            org.junit.jupiter.api.Assertions.fail("an unknown app must fail");
        } catch (mesosphere.marathon.client.MarathonException e) {
            assertThat(e.getStatus()).isEqualTo(404);
        }
        assertThat(client.deleteApp("/e2e/client").getDeploymentId()).isNotBlank();
        Awaitility.await("the client's app is gone").atMost(WAIT).pollInterval(Duration.ofMillis(500))
                .until(() -> client.getApps().getApps().stream().noneMatch(a -> a.getId().equals("/e2e/client")));
    }

    // ---------------------------------------------------------------- helpers

    private static JsonNode awaitApp(java.util.function.Predicate<JsonNode> condition) {
        return Awaitility.await("app " + APP).atMost(WAIT).pollInterval(Duration.ofMillis(500))
                .until(() -> JSON.readTree(send("GET", "/v2/apps" + APP, null).body()).path("app"), condition);
    }

    private static void awaitNoDeployments() {
        Awaitility.await("no deployment runs").atMost(WAIT).pollInterval(Duration.ofMillis(500))
                .until(() -> JSON.readTree(send("GET", "/v2/deployments", null).body()).isEmpty());
    }

    private static HttpResponse<String> send(String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(marathon.uri().resolve(path))
                .header("Authorization", basic()).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic() {
        return "Basic " + Base64.getEncoder().encodeToString("e2e:e2e-secret".getBytes(StandardCharsets.UTF_8));
    }

    private static void readEvents() {
        HttpRequest request = HttpRequest.newBuilder(marathon.uri().resolve("/v2/events"))
                .header("Accept", "text/event-stream").header("Authorization", basic()).build();
        try {
            HttpResponse<java.util.stream.Stream<String>> response = http.send(request,
                    HttpResponse.BodyHandlers.ofLines());
            List<String> pending = new ArrayList<>();
            response.body().forEach(line -> {
                if (line.isEmpty()) {
                    if (!pending.isEmpty()) {
                        events.add(String.join("\n", pending));
                    }
                    pending.clear();
                } else if (!line.startsWith(":")) {
                    pending.add(line);
                }
            });
        } catch (IOException | java.io.UncheckedIOException e) {
            // The stream ends when marathon stops, or this reader is interrupted at the end.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String get(String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build();
        return Awaitility.await("HTTP answer from " + url).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> http.send(request, HttpResponse.BodyHandlers.ofString()).body().strip(),
                        b -> !b.isEmpty());
    }

    private static String sh(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }
}
