package io.mpaas.master.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.mpaas.master.web.MesosErrorAdvice;
import io.mpaas.protocol.mesos.MasterInfo;
import io.mpaas.protocol.mesos.MesosJson;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import tools.jackson.databind.JsonNode;

/** The v0 read endpoints, against golden files of Mesos's shapes, and every refusal. */
class StateControllerTest {

    private final SampleCluster sample = new SampleCluster();

    private MockMvc mvc(ClusterFixture fx) {
        return MockMvcBuilders.standaloneSetup(new StateController(fx.gate(), fx.reader, fx.renderer(), fx.flags()))
                .setControllerAdvice(new MesosErrorAdvice()).build();
    }

    private String body(String path) throws Exception {
        return mvc(sample.fx).perform(get(path)).andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/json"))
                .andReturn().getResponse().getContentAsString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/master/state", "/state", "/state.json", "/master/state.json"})
    void stateHasMesossShapeUnderEveryAlias(String path) throws Exception {
        assertThat(body(path)).isEqualTo(JsonText.golden("state.json"));
    }

    @Test
    void stateSummaryCountsTasksPerAgentAndFramework() throws Exception {
        assertThat(body("/master/state-summary")).isEqualTo(JsonText.golden("state-summary.json"));
    }

    @Test
    void slavesCarryTheFullResourceArraysToo() throws Exception {
        assertThat(body("/master/slaves")).isEqualTo(JsonText.golden("slaves.json"));
    }

    @Test
    void slavesFilterByAgentId() throws Exception {
        JsonNode one = MesosJson.read(body("/master/slaves?slave_id=m1-S1"), JsonNode.class);
        assertThat(one.get("slaves")).hasSize(1);
        assertThat(one.get("slaves").get(0).get("id").asString()).isEqualTo("m1-S1");
        assertThat(one.get("recovered_slaves")).isEmpty();
        JsonNode recovered = MesosJson.read(body("/master/slaves?slave_id=m1-S2"), JsonNode.class);
        assertThat(recovered.get("slaves")).isEmpty();
        assertThat(recovered.get("recovered_slaves").get(0).get("hostname").asString()).isEqualTo("host3");
    }

    @Test
    void frameworksListActiveCompletedAndTheEmptyUnregisteredArray() throws Exception {
        assertThat(body("/master/frameworks")).isEqualTo(JsonText.golden("frameworks.json"));
        JsonNode only = MesosJson.read(body("/master/frameworks?framework_id=m1-0001"), JsonNode.class);
        assertThat(only.get("frameworks")).isEmpty();
        assertThat(only.get("completed_frameworks").get(0).get("name").asString()).isEqualTo("old");
    }

    @Test
    void tasksAreNewestFirstByDefault() throws Exception {
        assertThat(body("/master/tasks")).isEqualTo(JsonText.golden("tasks.json"));
        assertThat(taskIds("/master/tasks.json")).containsExactly("t1", "t3", "t2");
    }

    @Test
    void tasksFilterOrderAndPage() throws Exception {
        assertThat(taskIds("/master/tasks?order=asc")).containsExactly("t2", "t3", "t1");
        assertThat(taskIds("/master/tasks?order=asc&limit=2")).containsExactly("t2", "t3");
        assertThat(taskIds("/master/tasks?order=asc&limit=2&offset=2")).containsExactly("t1");
        assertThat(taskIds("/master/tasks?offset=9")).isEmpty();
        assertThat(taskIds("/master/tasks?task_id=t3")).containsExactly("t3");
        assertThat(taskIds("/master/tasks?framework_id=m1-0001")).isEmpty();
        assertThat(taskIds("/master/tasks?framework_id=m1-0000&limit=1")).containsExactly("t1");
        // Like Mesos: a limit that is not a number is the default, a negative one no limit.
        assertThat(taskIds("/master/tasks?limit=many")).hasSize(3);
        assertThat(taskIds("/master/tasks?limit=-1")).hasSize(3);
    }

    @Test
    void rolesShowWeightQuotaAndWhatTheRoleHolds() throws Exception {
        assertThat(body("/master/roles")).isEqualTo(JsonText.golden("roles.json"));
    }

    @Test
    void flagsAreMesosNamesWithoutSecrets() throws Exception {
        String flags = body("/master/flags");
        assertThat(flags).isEqualTo(JsonText.golden("flags.json"));
        for (String document : List.of(flags, body("/master/state"))) {
            assertThat(document).doesNotContain("s3cret", "hunter2", "dbsecret", "admin", "leaked", "password");
        }
    }

    @Test
    void jsonpWrapsTheDocumentAsJavascript() throws Exception {
        String wrapped = mvc(sample.fx).perform(get("/master/roles?jsonp=angular.callbacks._1"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "text/javascript"))
                .andReturn().getResponse().getContentAsString();
        assertThat(wrapped).isEqualTo("angular.callbacks._1(" + JsonText.golden("roles.json") + ")");
    }

    @Test
    void jsonpCallbackMustBeAName() throws Exception {
        mvc(sample.fx).perform(get("/master/state?jsonp=alert(1)//"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(
                        "Invalid 'jsonp' callback 'alert(1)//': expected a JavaScript function name"));
    }

    @Test
    void onlyGetIsAllowed() throws Exception {
        mvc(sample.fx).perform(post("/master/state"))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(header().string("Allow", "GET"))
                .andExpect(content().string("405 Method Not Allowed. Expecting one of { 'GET' }, but received 'POST'."));
    }

    @Test
    void aStandbyRedirectsToTheLeaderKeepingPathAndQuery() throws Exception {
        MasterInfo leader = MasterInfo.of("m2", "leader.example", "10.0.0.2", 5050);
        ClusterFixture standby = new ClusterFixture().standby(Optional.of(leader));
        for (String path : List.of("/master/state", "/master/state-summary", "/master/slaves", "/master/frameworks",
                "/master/tasks", "/master/roles")) {
            mvc(standby).perform(get(path + "?jsonp=cb"))
                    .andExpect(status().isTemporaryRedirect())
                    .andExpect(header().string("Location", "//leader.example:5050" + path + "?jsonp=cb"));
        }
    }

    @Test
    void withoutALeaderTheStateIsUnavailable() throws Exception {
        ClusterFixture alone = new ClusterFixture().standby(Optional.empty());
        mvc(alone).perform(get("/master/state"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().string("No leader elected"));
    }

    @Test
    void healthIsAnsweredByEveryMaster() throws Exception {
        mvc(sample.fx).perform(get("/master/health")).andExpect(status().isOk()).andExpect(content().string(""));
        ClusterFixture alone = new ClusterFixture().standby(Optional.empty());
        mvc(alone).perform(get("/master/health")).andExpect(status().isOk()).andExpect(content().string(""));
    }

    @Test
    void flagsAreAnsweredByAStandbyToo() throws Exception {
        ClusterFixture alone = new ClusterFixture().standby(Optional.empty());
        mvc(alone).perform(get("/master/flags")).andExpect(status().isOk());
    }

    @Test
    void redirectPointsAtTheLeaderFromAnyMaster() throws Exception {
        for (String path : List.of("/master/redirect", "/redirect")) {
            mvc(sample.fx).perform(get(path))
                    .andExpect(status().isTemporaryRedirect())
                    .andExpect(header().string("Location", "//master.example:5050"));
            MasterInfo leader = MasterInfo.of("m2", "leader.example", "10.0.0.2", 5051);
            mvc(new ClusterFixture().standby(Optional.of(leader))).perform(get(path))
                    .andExpect(status().isTemporaryRedirect())
                    .andExpect(header().string("Location", "//leader.example:5051"));
            mvc(new ClusterFixture().standby(Optional.empty())).perform(get(path))
                    .andExpect(status().isServiceUnavailable())
                    .andExpect(content().string("No leader elected"));
        }
    }

    @Test
    void theSnapshotIsDetachedFromTheLiveCluster() throws Exception {
        ClusterSnapshot snapshot = sample.fx.reader.snapshot();
        sample.fx.cluster.locked(() -> sample.f1.tasks().clear());
        assertThat(snapshot.frameworks().getFirst().tasks()).hasSize(1);
        assertThat(taskIds("/master/tasks")).containsExactly("t3", "t2");
    }

    private List<String> taskIds(String path) throws Exception {
        JsonNode tasks = MesosJson.read(body(path), JsonNode.class).get("tasks");
        return tasks.valueStream().map(t -> t.get("id").asString()).toList();
    }
}
