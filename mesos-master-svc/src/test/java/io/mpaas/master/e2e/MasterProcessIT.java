package io.mpaas.master.e2e;

import io.mpaas.testkit.framework.RawHttpFramework;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpaas.protocol.mesos.TaskState;
import io.mpaas.protocol.mesos.client.MasterLocator;
import io.mpaas.testkit.agent.SimulatedAgent;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * End to end: the master's jar as its own process on real PostgreSQL, simulated agents over the
 * real agent link, and a framework that speaks the v1 scheduler API with plain HTTP. Subscribe,
 * take an offer, launch, see RUNNING and FINISHED, acknowledge, tear down.
 */
class MasterProcessIT {

    private static MasterOnPostgres master;
    private static final List<SimulatedAgent> agents = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        master = MasterOnPostgres.start("master-e2e", "master_e2e", List.of(
                "--mesos.master.security.credentials[0].principal=e2e-framework",
                "--mesos.master.security.credentials[0].secret=framework-secret",
                "--mesos.master.security.credentials[1].principal=e2e-agent",
                "--mesos.master.security.credentials[1].secret=agent-secret",
                "--mesos.master.allocation.interval=200ms"));
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 1; i <= 2; i++) {
            agents.add(new SimulatedAgent("agent-" + i, "cpus:2;mem:2048;disk:10000;ports:[31000-31099]",
                    "rack:r" + i, SimulatedAgent.Behavior.finishAfter(Duration.ofSeconds(1)),
                    MasterLocator.of(List.of(master.uri())), "e2e-agent:agent-secret", http).start());
        }
        Awaitility.await("agents registered").atMost(Duration.ofSeconds(60))
                .until(() -> agents.stream().allMatch(SimulatedAgent::isRegistered));
    }

    @AfterAll
    static void stop() throws Exception {
        agents.forEach(SimulatedAgent::close);
        if (master != null) {
            master.close();
        }
    }

    @Test
    void aThirdPartyFrameworkRunsATaskToCompletion() throws Exception {
        try (RawHttpFramework framework = new RawHttpFramework(master.uri(), "e2e-framework", "framework-secret")) {
            JsonNode subscribed = framework.subscribe("{\"user\":\"root\",\"name\":\"raw-http\","
                    + "\"principal\":\"e2e-framework\",\"failover_timeout\":60.0,\"checkpoint\":true,"
                    + "\"role\":null,\"roles\":[\"e2e\"],\"capabilities\":[{\"type\":\"MULTI_ROLE\"}]}");
            assertThat(subscribed.path("type").asString()).isEqualTo("SUBSCRIBED");
            assertThat(subscribed.path("subscribed").path("master_info").path("port").asInt())
                    .isEqualTo(master.uri().getPort());

            JsonNode offers = framework.next("OFFERS", Duration.ofSeconds(30)).path("offers").path("offers");
            JsonNode offer = offers.get(0);
            assertThat(offer.path("url").path("address").path("ip").asString()).isEqualTo("127.0.0.1");
            assertThat(offer.path("hostname").asString()).startsWith("agent-");
            String offerId = offer.path("id").path("value").asString();
            String agentId = offer.path("agent_id").path("value").asString();
            long port = offer.path("resources").valueStream().filter(r -> r.path("name").asString().equals("ports"))
                    .findFirst().orElseThrow().path("ranges").path("range").get(0).path("begin").asLong();

            String task = "{\"name\":\"hello\",\"task_id\":{\"value\":\"hello-1\"},\"agent_id\":{\"value\":\""
                    + agentId + "\"},\"resources\":["
                    + "{\"name\":\"cpus\",\"type\":\"SCALAR\",\"scalar\":{\"value\":0.5},\"allocation_info\":{\"role\":\"e2e\"}},"
                    + "{\"name\":\"mem\",\"type\":\"SCALAR\",\"scalar\":{\"value\":64},\"allocation_info\":{\"role\":\"e2e\"}},"
                    + "{\"name\":\"ports\",\"type\":\"RANGES\",\"ranges\":{\"range\":[{\"begin\":" + port + ",\"end\":"
                    + port + "}]},\"allocation_info\":{\"role\":\"e2e\"}}],"
                    + "\"command\":{\"shell\":true,\"value\":\"echo hello\"}}";
            framework.call("ACCEPT", "accept", "{\"offer_ids\":[{\"value\":\"" + offerId + "\"}],"
                    + "\"operations\":[{\"type\":\"LAUNCH\",\"launch\":{\"task_infos\":[" + task + "]}}],"
                    + "\"filters\":{\"refuse_seconds\":1.0}}");

            // Updates are delivered at least once: the agent resends one until it is acknowledged,
            // so a framework acknowledges every copy and counts each uuid once.
            List<String> states = new ArrayList<>();
            java.util.Set<String> seen = new java.util.HashSet<>();
            while (!states.contains(TaskState.TASK_FINISHED.name())) {
                JsonNode status = framework.next("UPDATE", Duration.ofSeconds(60)).path("update").path("status");
                assertThat(status.path("task_id").path("value").asString()).isEqualTo("hello-1");
                String uuid = status.path("uuid").asString();
                assertThat(uuid).as("reliable updates carry a uuid").isNotEmpty();
                if (seen.add(uuid)) {
                    states.add(status.path("state").asString());
                }
                framework.call("ACKNOWLEDGE", "acknowledge", "{\"agent_id\":{\"value\":\"" + agentId + "\"},"
                        + "\"task_id\":{\"value\":\"hello-1\"},\"uuid\":\"" + uuid + "\"}");
            }
            assertThat(states).containsExactly("TASK_STARTING", "TASK_RUNNING", "TASK_FINISHED");
            Awaitility.await("agent saw every acknowledgement").atMost(Duration.ofSeconds(30))
                    .until(() -> agents.stream().mapToInt(SimulatedAgent::unacknowledged).sum() == 0);

            framework.call("TEARDOWN", null, null);
            assertThat(framework.streamEnds(Duration.ofSeconds(30))).isTrue();
        }
    }
}
