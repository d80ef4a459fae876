package io.mpaas.gateway.e2e;

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
 * The gateway as users meet it, with the whole platform from its jars: the master and marathon on PostgreSQL, an
 * agent on the real Docker engine, and the gateway driving a real HAProxy that it starts itself. A busybox web app
 * of three instances with a virtual host is POSTed to marathon and answered through HAProxy on its service port and
 * its virtual host; then, while {@code wrk} loads it without pause, it is scaled to six and to one, rolled to a new
 * version, scaled to three and has an instance killed: not one request fails, and none of it needs a reload.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayProcessIT {

    private static final Duration WAIT = Duration.ofSeconds(120);
    /** Agent host ports and marathon service ports: below the ephemeral range, away from 31000-32000 and other ITs. */
    private static final int FIRST_HOST_PORT = 30500;
    private static final int FIRST_SERVICE_PORT = 30700;
    private static final String APP = "/e2e/web";
    private static final String VHOST = "web.e2e.mpaas.test";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private static PostgresDatabase masterDb;
    private static PostgresDatabase marathonDb;
    private static ServiceProcess master;
    private static ServiceProcess agent;
    private static ServiceProcess marathon;
    private static ServiceProcess gateway;
    private static Path agentWorkDir;
    private static Path haproxyDir;
    private static int httpPort;
    private static int servicePort;
    private static WrkLoad servicePortLoad;
    private static WrkLoad vhostLoad;
    private static long reloadsAfterDeploy;

    @BeforeAll
    static void start() throws Exception {
        masterDb = PostgresDatabase.create("gateway_e2e_master");
        marathonDb = PostgresDatabase.create("gateway_e2e_marathon");
        master = ServiceProcess.masterOn(masterDb, "gateway-e2e-master", "e2e", "e2e-secret");
        master.awaitHealthy(Duration.ofMinutes(3));
        agentWorkDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "gateway-e2e-agent-");
        agent = ServiceProcess.agent("gateway-e2e-agent", master.uri(), agentWorkDir, FIRST_HOST_PORT, "e2e",
                "e2e-secret");
        agent.awaitHealthy(Duration.ofMinutes(2));
        marathon = ServiceProcess.marathonOn(Path.of("..", "marathon-svc", "target"), marathonDb,
                "gateway-e2e-marathon", ServiceProcess.freePort(), master.uri(), "e2e", "e2e-secret", List.of(
                        "--marathon.launch.service-port-min=" + FIRST_SERVICE_PORT,
                        "--marathon.launch.service-port-max=" + (FIRST_SERVICE_PORT + 99)));
        marathon.awaitHealthy(Duration.ofMinutes(2));
        haproxyDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "gateway-e2e-haproxy-");
        httpPort = ServiceProcess.freePort();
        gateway = ServiceProcess.start(Path.of("target"), "gateway-haproxy-sync", "gateway-e2e", "/health",
                ServiceProcess.freePort(), List.of(
                        "--gateway.marathon.urls=" + marathon.uri(),
                        "--gateway.marathon.username=e2e", "--gateway.marathon.password=e2e-secret",
                        "--gateway.haproxy.run-dir=" + haproxyDir,
                        "--gateway.render.http-port=" + httpPort,
                        "--gateway.render.https-port=" + ServiceProcess.freePort(),
                        "--gateway.render.stats-port=" + ServiceProcess.freePort(),
                        "--gateway.render.stats-password=e2e-stats",
                        "--gateway.sync.min-reload-interval=200ms",
                        "--logging.level.io.mpaas.gateway=DEBUG"));
        gateway.awaitHealthy(Duration.ofMinutes(2));
    }

    @AfterAll
    static void stop() throws Exception {
        for (WrkLoad load : new WrkLoad[] {servicePortLoad, vhostLoad}) {
            if (load != null) {
                load.stop();
            }
        }
        for (ServiceProcess p : new ServiceProcess[] {gateway, marathon, agent, master}) {
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
        if (haproxyDir != null) {
            // Should the gateway not have stopped its HAProxy, no proxy may outlive the test.
            sh("pkill -f 'haproxy.*" + haproxyDir + "' || true");
        }
    }

    @Test
    @Order(1)
    void aPostedAppAnswersThroughHaproxyOnItsServicePortAndItsVirtualHost() throws Exception {
        HttpResponse<String> created = marathon("POST", "/v2/apps", app("v1", 3));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        servicePort = JSON.readTree(created.body()).path("container").path("portMappings").get(0)
                .path("servicePort").asInt();
        assertThat(servicePort).isBetween(FIRST_SERVICE_PORT, FIRST_SERVICE_PORT + 99);

        awaitDeployed(3);
        awaitRoutedServers(3);
        assertThat(get("http://127.0.0.1:" + servicePort + "/", null)).isEqualTo(200);
        assertThat(get("http://127.0.0.1:" + httpPort + "/", VHOST)).isEqualTo(200);
        assertThat(get("http://127.0.0.1:" + httpPort + "/", "unknown.e2e.mpaas.test"))
                .as("a host no app has").isEqualTo(503);
        reloadsAfterDeploy = status().path("reloads").asLong();
        assertThat(reloadsAfterDeploy).isPositive();

        servicePortLoad = new WrkLoad("http://127.0.0.1:" + servicePort + "/", null);
        vhostLoad = new WrkLoad("http://127.0.0.1:" + httpPort + "/", VHOST);
    }

    @Test
    @Order(2)
    void scalingToSixAndToOneUnderLoadFailsNoRequest() throws Exception {
        assertThat(marathon("PUT", "/v2/apps" + APP, "{\"instances\": 6}").statusCode()).isEqualTo(200);
        awaitDeployed(6);
        awaitRoutedServers(6);
        assertThat(marathon("PUT", "/v2/apps" + APP, "{\"instances\": 1}").statusCode()).isEqualTo(200);
        awaitDeployed(1);
        awaitRoutedServers(1);
        assertNoFailedRequests();
    }

    @Test
    @Order(3)
    void rollingANewVersionUnderLoadFailsNoRequest() throws Exception {
        String before = routedTaskIds().getFirst();
        assertThat(marathon("PUT", "/v2/apps" + APP, app("v2", 1)).statusCode()).isEqualTo(200);
        awaitDeployed(1);
        Awaitility.await("the new version's instance is the one routed").atMost(WAIT)
                .until(() -> routedTaskIds().size() == 1 && !routedTaskIds().contains(before));
        assertNoFailedRequests();
    }

    @Test
    @Order(4)
    void aKilledInstanceIsDrainedAndReplacedUnderLoadWithoutAFailedRequest() throws Exception {
        assertThat(marathon("PUT", "/v2/apps" + APP, "{\"instances\": 3}").statusCode()).isEqualTo(200);
        awaitDeployed(3);
        awaitRoutedServers(3);
        String victim = routedTaskIds().getFirst();
        HttpResponse<String> killed = marathon("DELETE", "/v2/apps" + APP + "/tasks/" + victim, null);
        assertThat(killed.statusCode()).as(killed.body()).isEqualTo(200);
        Awaitility.await("the killed instance is replaced in HAProxy").atMost(WAIT)
                .until(() -> routedTaskIds().size() == 3 && !routedTaskIds().contains(victim));
        assertNoFailedRequests();

        servicePortLoad.stop();
        vhostLoad.stop();
        assertThat(servicePortLoad.rounds()).isPositive();
        assertThat(servicePortLoad.requests()).as(servicePortLoad.report()).isPositive();
        assertThat(vhostLoad.requests()).as(vhostLoad.report()).isPositive();
        assertNoFailedRequests();
        assertThat(status().path("reloads").asLong())
                .as("scaling, rolling and a kill change servers through the runtime API only")
                .isEqualTo(reloadsAfterDeploy);
    }

    // ---------------------------------------------------------------------------------------------

    private static String app(String version, int instances) {
        return """
                {"id": "%s", "instances": %d, "cpus": 0.1, "mem": 32, "cmd": "httpd -f -p 8080",
                 "env": {"VERSION": "%s"},
                 "labels": {"HAPROXY_GROUP": "external", "HAPROXY_0_VHOST": "%s"},
                 "container": {"type": "DOCKER", "docker": {"image": "mpaas/busybox:latest"},
                   "portMappings": [{"containerPort": 8080, "hostPort": 0, "servicePort": 0, "protocol": "tcp"}]},
                 "networks": [{"mode": "container/bridge"}],
                 "healthChecks": [{"protocol": "HTTP", "path": "/", "portIndex": 0, "gracePeriodSeconds": 30,
                   "intervalSeconds": 1, "timeoutSeconds": 2, "maxConsecutiveFailures": 3}],
                 "taskKillGracePeriodSeconds": 2}
                """.formatted(APP, instances, version, VHOST);
    }

    private static void assertNoFailedRequests() {
        assertThat(servicePortLoad.failures()).as(servicePortLoad.report()).isZero();
        assertThat(vhostLoad.failures()).as(vhostLoad.report()).isZero();
    }

    private static void awaitDeployed(int instances) {
        Awaitility.await("app " + APP + " at " + instances + " healthy instances, no deployment").atMost(WAIT)
                .pollInterval(Duration.ofMillis(300)).until(() -> {
                    JsonNode app = JSON.readTree(marathon("GET", "/v2/apps" + APP + "?embed=app.counts", null).body())
                            .path("app");
                    return app.path("tasksHealthy").asInt() == instances && app.path("tasksRunning").asInt() == instances
                            && app.path("deployments").isEmpty();
                });
    }

    private static void awaitRoutedServers(int count) {
        Awaitility.await("HAProxy routes " + count + " servers of " + APP).atMost(WAIT)
                .pollInterval(Duration.ofMillis(200)).until(() -> routedTaskIds().size() == count);
    }

    /** The tasks the gateway routes to (ready, not draining) for the app's service port. */
    private static List<String> routedTaskIds() throws Exception {
        JsonNode routes = JSON.readTree(gateway("/v1/routes"));
        List<String> ids = new ArrayList<>();
        for (JsonNode backend : routes.path("backends")) {
            if (backend.path("appId").asString().equals(APP)) {
                for (JsonNode server : backend.path("servers")) {
                    if (server.path("state").asString().equals("ready")) {
                        ids.add(server.path("taskId").asString());
                    }
                }
            }
        }
        return ids;
    }

    private static JsonNode status() throws Exception {
        return JSON.readTree(gateway("/v1/status"));
    }

    private static String gateway(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(gateway.uri().resolve(path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static int get(String url, String host) throws Exception {
        // java.net.http refuses to set Host; a raw request does it as curl would.
        List<String> command = new ArrayList<>(List.of("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}",
                "--max-time", "5"));
        if (host != null) {
            command.addAll(List.of("-H", "Host: " + host));
        }
        command.add(url);
        Process curl = new ProcessBuilder(command).start();
        String code = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        curl.waitFor();
        return Integer.parseInt(code);
    }

    private static HttpResponse<String> marathon(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(marathon.uri() + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("e2e:e2e-secret".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void sh(String command) throws IOException, InterruptedException {
        new ProcessBuilder("sh", "-c", command).inheritIO().start().waitFor();
    }

}
