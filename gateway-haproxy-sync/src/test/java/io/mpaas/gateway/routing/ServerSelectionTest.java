package io.mpaas.gateway.routing;

import static io.mpaas.gateway.routing.TestApps.app;
import static io.mpaas.gateway.routing.TestApps.check;
import static io.mpaas.gateway.routing.TestApps.containerNetwork;
import static io.mpaas.gateway.routing.TestApps.info;
import static io.mpaas.gateway.routing.TestApps.mapping;
import static io.mpaas.gateway.routing.TestApps.readiness;
import static io.mpaas.gateway.routing.TestApps.readinessCheck;
import static io.mpaas.gateway.routing.TestApps.running;
import static io.mpaas.gateway.routing.TestApps.task;
import static io.mpaas.gateway.routing.TestApps.withHealth;
import static io.mpaas.gateway.routing.TestApps.withIp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.mpaas.protocol.gateway.AppProblem;
import io.mpaas.protocol.gateway.RoutingTable;
import io.mpaas.protocol.gateway.Server;
import io.mpaas.protocol.gateway.ServerState;
import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.AppInfo;
import io.mpaas.protocol.marathon.MarathonTask;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which tasks become servers, in which state, at which address. */
class ServerSelectionTest {

    final RoutingTableBuilder builder = new RoutingTableBuilder(RoutingSettings.defaults(),
            HostResolver.fixed(Map.of("a1", "10.0.0.1", "a2", "10.0.0.2", "bad", "not-an-ip")));

    RoutingTable build(AppInfo app) {
        return builder.build(List.of(app));
    }

    List<Server> servers(AppInfo app) {
        return build(app).backends().getFirst().servers();
    }

    @ParameterizedTest
    @CsvSource({
            "TASK_RUNNING, READY",
            "TASK_KILLING, DRAIN",
            "TASK_UNREACHABLE, READY",
            "TASK_STAGING, ",
            "TASK_STARTING, ",
            "TASK_FINISHED, ",
            "TASK_FAILED, ",
            "TASK_KILLED, ",
            "TASK_ERROR, ",
            "TASK_LOST, ",
            "TASK_DROPPED, ",
            "TASK_GONE, ",
            "TASK_GONE_BY_OPERATOR, ",
            "TASK_UNKNOWN, ",
    })
    void taskStateDecidesWhetherAndHowATaskServes(String state, ServerState expected) {
        List<Server> servers = servers(info(app("/a", 10001), task("t1", "a1", state, 31000)));

        if (expected == null) {
            assertThat(servers).isEmpty();
        } else {
            assertThat(servers).containsExactly(new Server("t1", "a1", "10.0.0.1", 31000, 1, expected));
        }
    }

    @Test
    void withHealthChecksOnlyTasksWithAllResultsAliveServe() {
        App.Builder app = app("/a", 10001).healthChecks(List.of(check("TCP", null, 0), check("COMMAND", null, 0)));
        List<Server> servers = servers(info(app,
                withHealth(running("alive", "a1", 31000), true, true),
                withHealth(running("half", "a1", 31001), true, false),
                running("unchecked", "a1", 31002),
                withHealth(task("killing-alive", "a1", "TASK_KILLING", 31003), true, true),
                withHealth(task("killing-dead", "a1", "TASK_KILLING", 31004), false, false),
                task("killing-unchecked", "a1", "TASK_KILLING", 31005)));

        assertThat(servers).extracting(Server::taskId, Server::state).containsExactly(
                tuple("alive", ServerState.READY),
                tuple("killing-alive", ServerState.DRAIN));
    }

    @Test
    void withoutHealthChecksResultsDoNotMatter() {
        List<Server> servers = servers(info(app("/a", 10001), withHealth(running("t1", "a1", 31000), false)));

        assertThat(servers).hasSize(1);
    }

    @Test
    void anUnreachableTaskStaysUnlessItsLastResultsSayOtherwise() {
        App.Builder app = app("/a", 10001).healthChecks(List.of(check("HTTP", "/", 0)));
        List<Server> servers = servers(info(app,
                task("no-results", "a1", "TASK_UNREACHABLE", 31000),
                withHealth(task("was-alive", "a1", "TASK_UNREACHABLE", 31001), true),
                withHealth(task("was-dead", "a1", "TASK_UNREACHABLE", 31002), false)));

        assertThat(servers).extracting(Server::taskId, Server::state).containsExactly(
                tuple("no-results", ServerState.READY),
                tuple("was-alive", ServerState.READY));
    }

    @Test
    void duringADeploymentATaskWithANegativeReadinessResultDoesNotServe() {
        App app = app("/a", 10001).readinessChecks(List.of(readinessCheck())).build();
        List<Object> results = List.of(readiness("new-unready", false), readiness("new-ready", true),
                readiness("killing-unready", false));
        List<Server> servers = servers(info(app, results,
                running("old", "a1", 31000),
                running("new-ready", "a1", 31001),
                running("new-unready", "a1", 31002),
                task("killing-unready", "a1", "TASK_KILLING", 31003)));

        assertThat(servers).extracting(Server::taskId).containsExactly("new-ready", "old");
    }

    @Test
    void readinessResultsAreIgnoredForAnAppWithoutReadinessChecks() {
        List<Server> servers = servers(info(app("/a", 10001).build(), List.of(readiness("t1", false)),
                running("t1", "a1", 31000)));

        assertThat(servers).hasSize(1);
    }

    /** The shape marathon-svc's own result record has, for callers that pass records instead of maps. */
    record ReadinessResult(String name, String taskId, boolean ready, Object lastResponse) {
    }

    @Test
    void readinessResultsMayBeRecordsAndEveryResultOfATaskMustBeReady() {
        App app = app("/a", 10001).readinessChecks(List.of(readinessCheck())).build();
        List<Object> results = List.of(new ReadinessResult("r", "t1", false, null),
                new ReadinessResult("r", "t2", true, null), readiness("t3", true), readiness("t3", false),
                "garbage", Map.of("ready", true));

        List<Server> servers = servers(info(app, results, running("t1", "a1", 31000), running("t2", "a1", 31001),
                running("t3", "a1", 31002)));

        assertThat(servers).extracting(Server::taskId).containsExactly("t2");
    }

    @Test
    void aTaskLackingThePortIndexIsLeftOutOfThatBackendOnly() {
        RoutingTable table = build(info(app("/a", 10001, 10002), running("both", "a1", 31000, 31001),
                running("one", "a2", 31002)));

        assertThat(table.backends().get(0).servers()).extracting(Server::taskId).containsExactly("both", "one");
        assertThat(table.backends().get(1).servers()).extracting(Server::taskId).containsExactly("both");
        assertThat(table.problems()).isEmpty();
    }

    @Test
    void tasksOnHostsThatCannotBeResolvedAreLeftOutAndReportedOncePerHost() {
        RoutingTable table = build(info(app("/a", 10001),
                running("t1", "a1", 31000),
                running("t2", "gone", 31001),
                running("t3", "gone", 31002),
                running("t4", "bad", 31003),
                running("t5", null, 31004)));

        assertThat(table.backends().getFirst().servers()).extracting(Server::taskId).containsExactly("t1");
        assertThat(table.problems()).containsExactly(
                new AppProblem("/a", null, "1 task on host 'bad' left out: the host cannot be resolved"),
                new AppProblem("/a", null, "2 tasks on host 'gone' left out: the host cannot be resolved"),
                new AppProblem("/a", null, "1 task left out: no host"));
    }

    @Test
    void eachHostIsResolvedOncePerBuild() {
        List<String> asked = new ArrayList<>();
        HostResolver counting = host -> {
            asked.add(host);
            return Optional.of("10.0.0.1");
        };
        List<MarathonTask> tasks = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            tasks.add(running("t" + i, i % 2 == 0 ? "a1" : "a2", 31000 + i));
        }
        new RoutingTableBuilder(RoutingSettings.defaults(), counting).build(List.of(
                info(app("/a", 10001), tasks.subList(0, 25).toArray(MarathonTask[]::new)),
                info(app("/b", 10002), tasks.subList(25, 50).toArray(MarathonTask[]::new))));

        assertThat(asked).containsExactlyInAnyOrder("a1", "a2");
    }

    @Test
    void onAContainerNetworkTheTasksOwnIpAndTheContainerPortAreUsed() {
        App.Builder app = containerNetwork("/c", mapping(8080, null, 10001), mapping(0, 0, 10002));
        RoutingTable table = build(info(app,
                withIp(running("t1", "unresolvable-agent", 31500), "172.16.0.5"),
                running("no-ip", "a1", 31501)));

        assertThat(table.backends().get(0).servers()).containsExactly(
                new Server("t1", "unresolvable-agent", "172.16.0.5", 8080, 1, ServerState.READY));
        // containerPort 0 means "the host port": the task's own port for that index.
        assertThat(table.backends().get(1).servers()).isEmpty();
        assertThat(table.problems()).containsExactly(
                new AppProblem("/c", null, "1 task left out: no IP address on the container network"));
    }

    @Test
    void aContainerPortOfZeroFallsBackToTheTaskPort() {
        App.Builder app = containerNetwork("/c", mapping(0, 0, 10001));

        assertThat(servers(info(app, withIp(running("t1", "a1", 31500), "172.16.0.5"))))
                .extracting(Server::ip, Server::port).containsExactly(tuple("172.16.0.5", 31500));
    }

    @Test
    void aTaskIpThatIsNotAnAddressIsNotWrittenIntoTheConfiguration() {
        App.Builder app = containerNetwork("/c", mapping(8080, null, 10001));

        assertThat(servers(info(app, withIp(running("t1", "a1"), "1.2.3.4:80 backup\n")))).isEmpty();
    }

    @Test
    void aHostNameThatIsNotAHostNameIsNotPassedOn() {
        HostResolver any = host -> Optional.of("10.0.0.9");
        RoutingTable table = new RoutingTableBuilder(RoutingSettings.defaults(), any)
                .build(List.of(info(app("/a", 10001), running("t1", "odd host\n", 31000))));

        assertThat(table.backends().getFirst().servers()).containsExactly(
                new Server("t1", null, "10.0.0.9", 31000, 1, ServerState.READY));
    }

    @Test
    void serversAreSortedByTaskId() {
        List<Server> servers = servers(info(app("/a", 10001), running("c", "a1", 3), running("a", "a2", 1),
                running("b", "a1", 2)));

        assertThat(servers).extracting(Server::taskId).containsExactly("a", "b", "c");
    }

    @Test
    void taskPortsOutsideTheValidRangeAreSkipped() {
        assertThat(servers(info(app("/a", 10001), running("t1", "a1", 0)))).isEmpty();
    }
}
