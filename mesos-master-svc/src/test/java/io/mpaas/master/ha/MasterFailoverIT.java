package io.mpaas.master.ha;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpaas.coordination.CuratorClientFactory;
import io.mpaas.coordination.MasterDetector;
import io.mpaas.coordination.ZkUrl;
import io.mpaas.master.MasterApplication;
import io.mpaas.protocol.mesos.CommandInfo;
import io.mpaas.protocol.mesos.Filters;
import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.FrameworkInfo;
import io.mpaas.protocol.mesos.MasterInfo;
import io.mpaas.protocol.mesos.Offer;
import io.mpaas.protocol.mesos.OfferId;
import io.mpaas.protocol.mesos.Resources;
import io.mpaas.protocol.mesos.TaskId;
import io.mpaas.protocol.mesos.TaskInfo;
import io.mpaas.protocol.mesos.TaskState;
import io.mpaas.protocol.mesos.TaskStatus;
import io.mpaas.protocol.mesos.client.Disconnection;
import io.mpaas.protocol.mesos.client.MasterLocator;
import io.mpaas.protocol.mesos.client.SchedulerClient;
import io.mpaas.protocol.mesos.client.SchedulerClientSettings;
import io.mpaas.protocol.mesos.client.SchedulerListener;
import io.mpaas.testkit.agent.SimulatedAgent;
import io.mpaas.testkit.postgres.PostgresDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two masters on a real (in-process) ZooKeeper and a shared PostgreSQL registry. The standby
 * redirects; when the leader dies, the standby takes over, agents re-register with their tasks,
 * the framework re-subscribes with its id, and no task is lost.
 */
class MasterFailoverIT {

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final Map<Integer, ConfigurableApplicationContext> masters = new ConcurrentHashMap<>();

    @AfterEach
    void close() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
        masters.values().forEach(ConfigurableApplicationContext::close);
    }

    private ConfigurableApplicationContext startMaster(String zk, PostgresDatabase db, String name) {
        // As command-line arguments: they take precedence over application.yml (port 5050).
        ConfigurableApplicationContext context = new SpringApplicationBuilder(MasterApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=" + db.jdbcUrl(),
                "--spring.datasource.username=" + db.user(),
                "--spring.datasource.password=" + db.password(),
                "--mesos.master.zk=" + zk,
                "--mesos.master.zk-session-timeout=4s",
                "--mesos.master.hostname=localhost",
                "--mesos.master.advertise-ip=127.0.0.1",
                "--mesos.master.work-dir=target/" + name,
                "--mesos.master.allocation.interval=200ms");
        masters.put(port(context), context);
        return context;
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    @Test
    void standbyTakesOverAndNoTaskIsLost() throws Exception {
        TestingServer zookeeper = new TestingServer(true);
        closeables.add(zookeeper);
        PostgresDatabase db = PostgresDatabase.create("failover");
        closeables.add(db);
        String zk = "zk://" + zookeeper.getConnectString() + "/mesos";
        ZkUrl url = ZkUrl.parse(zk);
        CuratorFramework curator = CuratorClientFactory.start(url, Duration.ofSeconds(4), Duration.ofSeconds(10));
        closeables.add(curator);
        MasterDetector detector = new MasterDetector(curator, url.path());
        detector.start();
        closeables.add(detector);

        startMaster(zk, db, "failover-a");
        startMaster(zk, db, "failover-b");
        MasterInfo first = detector.awaitLeader(Duration.ofSeconds(60)).orElseThrow();
        int standbyPort = masters.keySet().stream().filter(p -> !p.equals(first.port())).findFirst().orElseThrow();

        // A standby sends clients to the leader with a protocol-relative Location.
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> redirect = http.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + standbyPort + "/api/v1/scheduler"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(redirect.statusCode()).isEqualTo(307);
        assertThat(redirect.headers().firstValue("Location"))
                .contains("//localhost:" + first.port() + "/api/v1/scheduler");

        MasterLocator leader = detector.locator(MasterLocator.FRAMEWORK_SPREAD);
        MasterLocator agentLocator = detector.locator(MasterLocator.AGENT_SPREAD);
        for (int i = 1; i <= 3; i++) {
            SimulatedAgent agent = new SimulatedAgent("agent-" + i, "cpus:1;mem:1024;ports:[31000-31009]", "",
                    SimulatedAgent.Behavior.runForever(), agentLocator, null, HttpClient.newHttpClient()).start();
            closeables.add(agent);
        }

        Recorder recorder = new Recorder();
        SchedulerClient client = SchedulerClient.create(leader, recorder,
                SchedulerClientSettings.defaults().withBackoff(Duration.ofMillis(100), Duration.ofSeconds(2)));
        closeables.add(client);
        recorder.client = client;
        client.start(new FrameworkInfo("root", "failover-test", null, 3600.0, true, null, List.of("ha"), null, null,
                null, List.of(new FrameworkInfo.Capability(FrameworkInfo.Capability.Type.MULTI_ROLE),
                        new FrameworkInfo.Capability(FrameworkInfo.Capability.Type.PARTITION_AWARE)), null, null));
        Awaitility.await("three tasks running").atMost(Duration.ofSeconds(60))
                .until(() -> recorder.running().size() == 3);
        FrameworkId frameworkId = client.frameworkId().orElseThrow();

        // The leader dies.
        masters.remove(first.port()).close();
        MasterInfo second = Awaitility.await("a new leader").atMost(Duration.ofSeconds(30))
                .until(() -> detector.leader().filter(m -> !m.port().equals(first.port())), Optional::isPresent).get();
        assertThat(second.port()).isEqualTo(standbyPort);
        assertThat(second.id()).isNotEqualTo(first.id());

        // The framework is back on the new leader under the same id, and so are its tasks.
        Awaitility.await("framework re-subscribed").atMost(Duration.ofSeconds(60))
                .until(() -> recorder.subscriptions.get() >= 2 && client.isSubscribed()
                        && client.subscription().orElseThrow().master().getPort() == second.port());
        assertThat(client.frameworkId()).contains(frameworkId);
        // Reconcile until every task is answered: agents may still be re-registering at first.
        Awaitility.await("tasks reconciled as running on the new leader").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500)).until(() -> {
                    client.reconcile(List.of()).join();
                    return recorder.reconciled.stream().filter(s -> s.state() == TaskState.TASK_RUNNING)
                            .map(TaskStatus::taskId).distinct().count() == 3;
                });
        assertThat(recorder.reconciled).allMatch(s -> s.state() == TaskState.TASK_RUNNING);
        assertThat(recorder.statuses).noneMatch(s -> s.state().isTerminal() || s.state() == TaskState.TASK_UNREACHABLE);
        // And the new leader offers again (what the tasks left free).
        recorder.offersSeen.set(0);
        client.revive(List.of()).join();
        Awaitility.await("offers from the new leader").atMost(Duration.ofSeconds(30))
                .until(() -> recorder.offersSeen.get() > 0);
    }

    /** The framework's side: launches one task per offer until three run, acknowledges everything. */
    private static final class Recorder implements SchedulerListener {
        volatile SchedulerClient client;
        final AtomicInteger subscriptions = new AtomicInteger();
        final AtomicInteger launched = new AtomicInteger();
        final AtomicInteger offersSeen = new AtomicInteger();
        final List<TaskStatus> statuses = new CopyOnWriteArrayList<>();
        final List<TaskStatus> reconciled = new CopyOnWriteArrayList<>();
        final Map<TaskId, TaskState> states = new ConcurrentHashMap<>();

        List<TaskId> running() {
            return states.entrySet().stream().filter(e -> e.getValue() == TaskState.TASK_RUNNING).map(Map.Entry::getKey)
                    .toList();
        }

        @Override
        public void onSubscribed(FrameworkId frameworkId, MasterInfo master, boolean reconnect) {
            subscriptions.incrementAndGet();
        }

        @Override
        public void onOffers(List<Offer> offers) {
            offersSeen.addAndGet(offers.size());
            for (Offer offer : offers) {
                int n = launched.get();
                if (n >= 3) {
                    client.decline(List.of(offer.id()), new Filters(1.0));
                    continue;
                }
                launched.incrementAndGet();
                TaskInfo task = TaskInfo.command("task-" + n, TaskId.of("task-" + n), offer.agentId(),
                        Resources.parse("cpus:0.5;mem:128").toList(offer.allocationInfo().role()),
                        CommandInfo.shell("sleep 1000"));
                client.accept(List.of(offer.id()), List.of(Offer.Operation.launch(List.of(task))), new Filters(1.0));
            }
        }

        @Override
        public void onRescind(OfferId offerId) {
        }

        @Override
        public void onUpdate(TaskStatus status) {
            if (status.reason() == TaskStatus.Reason.REASON_RECONCILIATION) {
                reconciled.add(status);
            } else {
                statuses.add(status);
            }
            states.put(status.taskId(), status.state());
            client.acknowledge(status);
        }

        @Override
        public void onDisconnected(Disconnection disconnection) {
        }
    }
}
