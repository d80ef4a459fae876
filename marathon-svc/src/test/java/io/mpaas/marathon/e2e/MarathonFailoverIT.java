package io.mpaas.marathon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpaas.protocol.mesos.TaskState;
import io.mpaas.protocol.mesos.client.MasterLocator;
import io.mpaas.testkit.agent.SimulatedAgent;
import io.mpaas.testkit.postgres.PostgresDatabase;
import io.mpaas.testkit.process.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * High availability as an operator meets it: two marathon processes from the real jar share one PostgreSQL
 * database and elect a leader on a ZooKeeper in this JVM; the real master's jar runs the cluster, whose agents are
 * simulated (tasks are RUNNING at once, nothing is started). The standby answers for the leader. Then an app of
 * {@value #INSTANCES} instances is deployed onto agents with room for only {@value #FIRST_ROOM} of them, so the
 * deployment waits half-way, and the leader is SIGKILLed there. While no marathon leads, the store is made to
 * disagree with the master both ways, as a lost or a stale write would: one running instance is removed (its task
 * runs on, unknown to marathon: an orphan) and one is added that the master never heard of (a phantom); agents
 * with room for the rest join. The standby is elected, reconciles explicitly (the phantom is answered GONE and
 * replaced) and implicitly (the orphan is reported and killed), adopts the running tasks and finishes the stored
 * deployment: the master and the new leader then agree on exactly {@value #INSTANCES} running tasks, every task the
 * old leader had is still there (adopted, not replaced), and the framework id is the one the first leader registered.
 * Service discovery follows: both marathons register in ZooKeeper, the leader marked, and after the failover only
 * the new leader is listed, marked.
 * Beside it a crash-looping app, whose one failure delays its next launch by an hour, is still held back by the new
 * leader: {@code /v2/queue} shows the delay the old leader set, and the master has seen one task of it only.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MarathonFailoverIT {

    private static final Duration START = Duration.ofMinutes(3);
    private static final Duration WAIT = Duration.ofSeconds(90);
    /** Short, so that the dead leader's ephemeral latch node is gone soon; the server's tick allows it. */
    private static final String ZK_SESSION = "3s";
    private static final String APP = "/failover/sleeper";
    private static final String CRASHER = "/failover/crasher";
    private static final int INSTANCES = 20;
    /** The first two agents fit 6 instances each (1.5 cpus at 0.25 per instance). */
    private static final int FIRST_ROOM = 12;
    private static final String CREDENTIALS = "e2e:e2e-secret";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient http = HttpClient.newHttpClient();

    /** One marathon process and the address it advertises (and names the leader by). */
    private record Marathon(String name, ServiceProcess process, int port) {
        String hostPort() {
            return "127.0.0.1:" + port;
        }

        URI uri() {
            return URI.create("http://" + hostPort());
        }
    }

    private static TestingServer zookeeper;
    private static PostgresDatabase masterDb;
    private static PostgresDatabase marathonDb;
    private static ServiceProcess master;
    private static final List<SimulatedAgent> agents = new ArrayList<>();
    private static final List<Marathon> marathons = new ArrayList<>();
    private static String frameworkId;

    @BeforeAll
    static void start() throws Exception {
        zookeeper = new TestingServer(new InstanceSpec(null, -1, -1, -1, true, -1, 200, -1), true);
        masterDb = PostgresDatabase.create("marathon_failover_master");
        marathonDb = PostgresDatabase.create("marathon_failover");
        master = ServiceProcess.masterOn(masterDb, "marathon-failover-master", "e2e", "e2e-secret");
        // The three JVMs start together, not one after the other: their start-up is most of this test's time.
        // Marathon retries its subscription until the master is up.
        marathons.add(startMarathon("marathon-failover-a"));
        marathons.add(startMarathon("marathon-failover-b"));
        master.awaitHealthy(START);
        for (int i = 1; i <= 2; i++) {
            agents.add(agent("first-" + i, "cpus:1.5;mem:1024;disk:1000;ports:[33500-33599]"));
        }
        for (Marathon m : marathons) {
            m.process().awaitHealthy(START);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (Marathon m : marathons) {
            m.process().close();
        }
        agents.forEach(SimulatedAgent::close);
        if (master != null) {
            master.close();
        }
        for (PostgresDatabase db : new PostgresDatabase[] {marathonDb, masterDb}) {
            if (db != null) {
                db.close();
            }
        }
        if (zookeeper != null) {
            zookeeper.close();
        }
    }

    @Test
    @Order(1)
    void theStandbyAnswersForTheLeaderWhichRegisteredTheFramework() throws Exception {
        Marathon leader = awaitLeader(marathons);
        Marathon standby = other(leader);
        frameworkId = Awaitility.await("the leader registered with the master").atMost(WAIT)
                .pollInterval(Duration.ofMillis(300))
                .until(() -> info(leader).path("frameworkId").asString(null), id -> id != null && !id.isBlank());
        assertThat(info(standby).path("frameworkId").asString())
                .as("the standby reads the framework id from the shared store").isEqualTo(frameworkId);
        assertThat(JSON.readTree(send(standby, "GET", "/v2/leader", null).body()).path("leader").asString())
                .isEqualTo(leader.hostPort());
        Awaitility.await("both marathons registered in service discovery, the leader marked").atMost(WAIT)
                .ignoreExceptions().pollInterval(Duration.ofMillis(300))
                .until(MarathonFailoverIT::registeredMarathons,
                        marks -> marks.equals(Map.of(leader.port(), "true", standby.port(), "false")));

        HttpResponse<String> viaStandby = send(standby, "GET", "/v2/apps", null);
        assertThat(viaStandby.statusCode()).as(viaStandby.body()).isEqualTo(200);
        assertThat(viaStandby.headers().firstValue("X-Marathon-Leader"))
                .as("the answer comes from the leader").contains("http://" + leader.hostPort());
        HttpResponse<String> created = send(standby, "POST", "/v2/apps", """
                {"id": "/failover/proxied", "instances": 0, "cpus": 0.1, "mem": 16, "cmd": "sleep 1000",
                 "portDefinitions": []}
                """);
        assertThat(created.statusCode()).as("a write through the standby: " + created.body()).isEqualTo(201);
        assertThat(send(leader, "GET", "/v2/apps/failover/proxied", null).statusCode())
                .as("the leader has what was posted to the standby").isEqualTo(200);
        awaitNoDeployments(leader);
        assertThat(send(standby, "DELETE", "/v2/apps/failover/proxied", null).statusCode()).isEqualTo(200);
        awaitNoDeployments(leader);
    }

    @Test
    @Order(2)
    void aNewLeaderFinishesTheDeploymentTheOldOneDiedIn() throws Exception {
        Marathon leader = awaitLeader(marathons);
        Marathon standby = other(leader);
        HttpResponse<String> created = send(leader, "POST", "/v2/apps", """
                {"id": "%s", "instances": %d, "cpus": 0.25, "mem": 16, "cmd": "sleep 100000",
                 "portDefinitions": []}
                """.formatted(APP, INSTANCES));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String deploymentId = created.headers().firstValue("Marathon-Deployment-Id").orElseThrow();

        // Half-way: every instance that fits runs, the rest wait for offers that do not come.
        JsonNode halfWay = awaitApp(leader, a -> a.path("tasksRunning").asInt() == FIRST_ROOM);
        assertThat(ids(JSON.readTree(send(leader, "GET", "/v2/deployments", null).body())))
                .as("the deployment is still running").containsExactly(deploymentId);
        assertThat(masterTasks(task -> !terminal(task))).hasSize(FIRST_ROOM);
        List<String> before = taskIds(halfWay);
        long delayBefore = crashLoopDelayed(leader);

        leader.process().kill();

        // While no marathon leads, the store and the master are made to disagree both ways: one instance is lost
        // from the store (its task runs on, an orphan), and one the master never heard of appears (a phantom).
        String orphan = before.getFirst();
        assertThat(deleteInstanceOf(orphan)).isEqualTo(1);
        String phantom = copyInstanceOf(before.getLast());
        assertThat(leaderSeenBy(standby)).as("the standby was not elected before the store was changed")
                .isNotEqualTo(Optional.of(standby.hostPort()));
        for (int i = 1; i <= 2; i++) {
            agents.add(agent("second-" + i, "cpus:2;mem:1024;disk:1000;ports:[33600-33699]"));
        }

        Marathon newLeader = awaitLeader(List.of(standby));
        assertThat(newLeader).isEqualTo(standby);
        Awaitility.await("discovery lists only the new leader, marked").atMost(WAIT).ignoreExceptions()
                .pollInterval(Duration.ofMillis(300))
                .until(MarathonFailoverIT::registeredMarathons, marks -> marks.equals(Map.of(standby.port(), "true")));
        JsonNode done = awaitApp(newLeader, a -> a.path("tasksRunning").asInt() == INSTANCES
                && a.path("tasks").size() == INSTANCES && a.path("deployments").isEmpty());
        // The crash-looping app is still held back by the delay the old leader set, and was not launched again.
        JsonNode delay = queueItem(newLeader, CRASHER).orElseThrow().path("delay");
        assertThat(delay.path("overdue").asBoolean()).as(delay.toString()).isFalse();
        assertThat(delay.path("timeLeftSeconds").asLong()).as(delay.toString()).isBetween(delayBefore - 600,
                delayBefore);
        assertThat(masterTasks(task -> task.path("id").asString().startsWith("failover_crasher.")))
                .singleElement().satisfies(t -> assertThat(t.path("state").asString()).isEqualTo("TASK_FAILED"));
        assertThat(send(newLeader, "DELETE", "/v2/apps" + CRASHER + "?force=true", null).statusCode())
                .isEqualTo(200);
        awaitNoDeployments(newLeader);

        List<String> after = taskIds(done);
        assertThat(new HashSet<>(after)).as("task ids are unique").hasSize(INSTANCES);
        assertThat(after).as("the orphan is not adopted").doesNotContain(orphan);
        assertThat(after).as("the phantom is replaced").doesNotContain(phantom);
        assertThat(after).as("the tasks marathon knew are adopted, not replaced")
                .containsAll(before.subList(1, before.size()));
        assertThat(StreamSupport.stream(done.path("tasks").spliterator(), false)
                .map(t -> t.path("state").asString())).containsOnly("TASK_RUNNING");

        // The master agrees: exactly these tasks run for the framework, and the orphan was killed.
        Awaitility.await("the master runs exactly marathon's tasks").atMost(WAIT).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(masterTasks(task -> !terminal(task)).stream()
                        .map(t -> t.path("id").asString()).toList()).containsExactlyInAnyOrderElementsOf(after));
        assertThat(masterTasks(task -> task.path("id").asString().equals(orphan)))
                .singleElement().satisfies(t -> assertThat(t.path("state").asString()).isEqualTo("TASK_KILLED"));
        assertThat(masterTasks(task -> task.path("id").asString().equals(phantom))).isEmpty();

        // The framework id survived the failover: the new leader re-registered it, no new framework appeared.
        assertThat(info(newLeader).path("frameworkId").asString()).isEqualTo(frameworkId);
        JsonNode frameworks = getJson(master.uri().resolve("/master/frameworks"));
        assertThat(ids(frameworks.path("frameworks"))).containsExactly(frameworkId);
        assertThat(frameworks.path("frameworks").get(0).path("active").asBoolean()).isTrue();
        assertThat(frameworks.path("completed_frameworks").isEmpty()).isTrue();
    }

    // ---------------------------------------------------------------- helpers

    /**
     * Starts an app whose tasks fail at once, on an agent of its own (too small for {@link #APP}), with an hour's
     * backoff; waits until its one failure delays it and the delay is stored. Returns the delay's seconds left.
     */
    private static long crashLoopDelayed(Marathon leader) throws Exception {
        agents.add(agent("crashy", "cpus:0.2;mem:256;disk:100;ports:[33700-33709]", "kind:crashy",
                new SimulatedAgent.Behavior(Duration.ofMillis(100), TaskState.TASK_FAILED, Duration.ofSeconds(2))));
        HttpResponse<String> created = send(leader, "POST", "/v2/apps", """
                {"id": "%s", "instances": 1, "cpus": 0.1, "mem": 16, "cmd": "false", "portDefinitions": [],
                 "constraints": [["kind", "CLUSTER", "crashy"]], "backoffSeconds": 3600}
                """.formatted(CRASHER));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode delay = Awaitility.await(CRASHER + " delayed after its failure").atMost(WAIT)
                .pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> queueItem(leader, CRASHER).orElseThrow().path("delay"),
                        d -> !d.path("overdue").asBoolean());
        Awaitility.await("the delay is stored").atMost(WAIT).pollInterval(Duration.ofMillis(100))
                .until(() -> storedDelays(CRASHER) == 1);
        return delay.path("timeLeftSeconds").asLong();
    }

    private static Optional<JsonNode> queueItem(Marathon marathon, String appId) throws Exception {
        JsonNode queue = JSON.readTree(send(marathon, "GET", "/v2/queue", null).body()).path("queue");
        return StreamSupport.stream(queue.spliterator(), false)
                .filter(item -> item.path("app").path("id").asString().equals(appId)).findFirst();
    }

    private static int storedDelays(String appId) throws Exception {
        try (Connection connection = marathonDb.connect();
                PreparedStatement count = connection.prepareStatement(
                        "select count(*) from marathon_launch_delay where app_id = ?")) {
            count.setString(1, appId);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    private static Marathon startMarathon(String name) throws IOException {
        int port = ServiceProcess.freePort();
        ServiceProcess process = ServiceProcess.marathonOn(Path.of("target"), marathonDb, name, port, master.uri(),
                "e2e", "e2e-secret", List.of(
                        "--marathon.zk=zk://127.0.0.1:" + zookeeper.getPort() + "/marathon",
                        "--marathon.zk-session-timeout=" + ZK_SESSION,
                        "--marathon.hostname=127.0.0.1"));
        return new Marathon(name, process, port);
    }

    private static SimulatedAgent agent(String hostname, String resources) {
        return agent(hostname, resources, "", SimulatedAgent.Behavior.runForever());
    }

    private static SimulatedAgent agent(String hostname, String resources, String attributes,
            SimulatedAgent.Behavior behavior) {
        SimulatedAgent agent = new SimulatedAgent(hostname, resources, attributes, behavior,
                MasterLocator.of(List.of(master.uri())), CREDENTIALS, HttpClient.newHttpClient()).start();
        Awaitility.await(hostname + " registered").atMost(WAIT).pollInterval(Duration.ofMillis(100))
                .until(agent::isRegistered);
        return agent;
    }

    /**
     * What a discovery client finds under {@code /mpaas/services/marathon}: each registered port with its leader
     * mark, read from Spring Cloud Zookeeper's registration nodes (Curator's JSON) as a client in any language would.
     */
    private static Map<Integer, String> registeredMarathons() throws Exception {
        try (CuratorFramework zk = CuratorFrameworkFactory.newClient(zookeeper.getConnectString(), new RetryOneTime(100))) {
            zk.start();
            String root = "/mpaas/services/marathon";
            Map<Integer, String> marks = new HashMap<>();
            if (zk.checkExists().forPath(root) == null) {
                return marks;
            }
            for (String id : zk.getChildren().forPath(root)) {
                JsonNode registration = JSON.readTree(zk.getData().forPath(root + "/" + id));
                marks.put(registration.path("port").asInt(),
                        registration.path("payload").path("metadata").path("leader").asString());
            }
            return marks;
        }
    }

    /** The one of {@code candidates} that every live marathon names as the leader. */
    private static Marathon awaitLeader(List<Marathon> candidates) {
        return Awaitility.await("a leader among " + candidates.stream().map(Marathon::name).toList()).atMost(WAIT)
                .pollInterval(Duration.ofMillis(200)).until(() -> {
                    for (Marathon candidate : candidates) {
                        boolean agreed = marathons.stream().filter(m -> m.process().isAlive())
                                .allMatch(m -> leaderSeenBy(m).equals(Optional.of(candidate.hostPort())));
                        if (agreed) {
                            return Optional.of(candidate);
                        }
                    }
                    return Optional.<Marathon>empty();
                }, Optional::isPresent).orElseThrow();
    }

    private static Optional<String> leaderSeenBy(Marathon marathon) {
        try {
            HttpResponse<String> answer = send(marathon, "GET", "/v2/leader", null);
            return answer.statusCode() == 200
                    ? Optional.of(JSON.readTree(answer.body()).path("leader").asString()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static Marathon other(Marathon marathon) {
        return marathons.stream().filter(m -> !m.equals(marathon)).findFirst().orElseThrow();
    }

    private static JsonNode info(Marathon marathon) throws IOException, InterruptedException {
        return JSON.readTree(send(marathon, "GET", "/v2/info", null).body());
    }

    private static JsonNode awaitApp(Marathon marathon, Predicate<JsonNode> condition) {
        return Awaitility.await("app " + APP + " on " + marathon.name()).atMost(WAIT)
                .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> JSON.readTree(send(marathon, "GET", "/v2/apps" + APP, null).body()).path("app"),
                        condition);
    }

    private static void awaitNoDeployments(Marathon marathon) {
        Awaitility.await("no deployment runs on " + marathon.name()).atMost(WAIT).pollInterval(Duration.ofMillis(300))
                .until(() -> JSON.readTree(send(marathon, "GET", "/v2/deployments", null).body()).isEmpty());
    }

    private static List<String> taskIds(JsonNode app) {
        return StreamSupport.stream(app.path("tasks").spliterator(), false).map(t -> t.path("id").asString())
                .toList();
    }

    private static List<String> ids(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(n -> n.path("id").asString()).toList();
    }

    /** The master's tasks of marathon's framework (active and completed) that match {@code filter}. */
    private static List<JsonNode> masterTasks(Predicate<JsonNode> filter) throws IOException, InterruptedException {
        JsonNode tasks = getJson(master.uri().resolve("/master/tasks?limit=-1&framework_id=" + frameworkId));
        return StreamSupport.stream(tasks.path("tasks").spliterator(), false).filter(filter).toList();
    }

    private static boolean terminal(JsonNode task) {
        return Set.of("TASK_FINISHED", "TASK_FAILED", "TASK_KILLED", "TASK_ERROR", "TASK_LOST", "TASK_DROPPED",
                "TASK_GONE", "TASK_GONE_BY_OPERATOR").contains(task.path("state").asString());
    }

    /** Removes from the store the instance whose task is {@code taskId}, as a lost write would. */
    private static int deleteInstanceOf(String taskId) throws Exception {
        String instanceId = taskId.substring(0, taskId.lastIndexOf("._app."));
        try (Connection connection = marathonDb.connect();
                PreparedStatement delete = connection.prepareStatement(
                        "delete from marathon_instance where instance_id = ?")) {
            delete.setString(1, instanceId);
            return delete.executeUpdate();
        }
    }

    /**
     * Stores a copy of the instance whose task is {@code taskId} under a new instance and task id, on the same
     * agent: marathon will believe it runs, the master has never heard of it. Returns the new task id.
     */
    private static String copyInstanceOf(String taskId) throws Exception {
        String instanceId = taskId.substring(0, taskId.lastIndexOf("._app."));
        String copyId = instanceId.substring(0, instanceId.indexOf(".instance-") + ".instance-".length())
                + UUID.randomUUID();
        String copyTaskId = copyId + taskId.substring(taskId.lastIndexOf("._app."));
        try (Connection connection = marathonDb.connect();
                PreparedStatement select = connection.prepareStatement(
                        "select app_id, body from marathon_instance where instance_id = ?");
                PreparedStatement insert = connection.prepareStatement(
                        "insert into marathon_instance (instance_id, app_id, body) values (?, ?, ?)")) {
            select.setString(1, instanceId);
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).as("instance " + instanceId + " is stored").isTrue();
                ObjectNode body = (ObjectNode) JSON.readTree(row.getString("body"));
                assertThat(body.path("instanceId").asString()).isEqualTo(instanceId);
                assertThat(body.path("taskId").asString()).isEqualTo(taskId);
                assertThat(body.path("condition").asString()).isEqualTo("RUNNING");
                body.put("instanceId", copyId);
                body.put("taskId", copyTaskId);
                insert.setString(1, copyId);
                insert.setString(2, row.getString("app_id"));
                insert.setString(3, JSON.writeValueAsString(body));
            }
            assertThat(insert.executeUpdate()).isEqualTo(1);
        }
        return copyTaskId;
    }

    private static JsonNode getJson(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(uri + ": " + answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private static HttpResponse<String> send(Marathon marathon, String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(marathon.uri().resolve(path))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(CREDENTIALS.getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
