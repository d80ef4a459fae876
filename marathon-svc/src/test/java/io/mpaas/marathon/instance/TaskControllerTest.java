package io.mpaas.marathon.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.fake.ApiHarness;
import io.mpaas.marathon.fake.FakeDeployer;
import io.mpaas.marathon.fake.JsonText;
import io.mpaas.protocol.marathon.MarathonJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;

/** {@code /v2/tasks}, {@code /v2/tasks/delete} and {@code /v2/apps/{id}/tasks}. */
class TaskControllerTest {

    private static final PathId WEB = PathId.of("/prod/web");
    private static final PathId DB = PathId.of("/db");

    private final ApiHarness api = new ApiHarness();
    private Instance web1;
    private Instance web2;
    private Instance web3;
    private Instance db1;

    @BeforeEach
    void cluster() {
        api.givenApp("""
                {"id": "/prod/web", "cmd": "sleep 1", "instances": 3, "portDefinitions": [{"port": 10000}]}""");
        api.givenApp("""
                {"id": "/db", "cmd": "sleep 1", "portDefinitions": []}""");
        web1 = api.instances.launched(WEB, api.versionOf("/prod/web"), 1, Condition.RUNNING, "host-1", List.of(31000),
                List.of(10000));
        web2 = api.instances.launched(WEB, api.versionOf("/prod/web"), 2, Condition.RUNNING, "host-2", List.of(31001),
                List.of(10000));
        web3 = api.instances.launched(WEB, api.versionOf("/prod/web"), 3, Condition.STAGING, "host-1", List.of(31002),
                List.of(10000));
        db1 = api.instances.launched(DB, api.versionOf("/db"), 4, Condition.RUNNING, "host-3", List.of(), List.of());
        api.instances.put(Instance.scheduled(WEB, api.versionOf("/prod/web"), api.clock.instant()));
    }

    private List<String> taskIds(ResultActions result, String field) throws Exception {
        JsonNode tasks = JsonText.tree(result.andExpect(status().isOk()).andReturn().getResponse().getContentAsString())
                .get(field);
        List<String> ids = new ArrayList<>();
        tasks.forEach(task -> ids.add(task.get("id").asString()));
        return ids;
    }

    private static String tasks(Instance... instances) {
        List<Object> rendered = new ArrayList<>();
        for (Instance instance : instances) {
            rendered.add(TaskRenderer.render(instance));
        }
        return MarathonJson.write(Map.of("tasks", rendered));
    }

    @Test
    void everyLaunchedTaskIsListedByApp() throws Exception {
        api.mvc.perform(get("/v2/tasks")).andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/json"))
                .andExpect(content().string(tasks(db1, web1, web2, web3)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "status=running                 | 4,1,2",
        "status=staging                 | 3",
        "status[]=staging&status[]=running | 4,1,2,3",
        "status=RUNNING&status=staging  | 4,1,2,3",
        "status=bogus                   | 4,1,2,3"
    })
    void tasksFilterByState(String query, String expected) throws Exception {
        List<String> ids = new ArrayList<>();
        for (String n : expected.split(",")) {
            ids.add((n.equals("4") ? "db" : "prod_web") + ".instance-" + n + "._app.1");
        }
        assertThat(taskIds(api.mvc.perform(get(java.net.URI.create("/v2/tasks?" + query
                .replace("[", "%5B").replace("]", "%5D")))), "tasks")).containsExactlyElementsOf(ids);
    }

    @Test
    void plainTextListsRunningEndpointsPerServicePort() throws Exception {
        api.mvc.perform(get("/v2/tasks").header("Accept", "text/plain")).andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "text/plain;charset=UTF-8"))
                .andExpect(content().string("db\t \thost-3\t\nprod_web\t10000\thost-1:31000\thost-2:31001\t\n"));
        api.mvc.perform(get("/v2/apps/prod/web/tasks").header("Accept", "text/plain")).andExpect(status().isOk())
                .andExpect(content().string("prod_web\t10000\thost-1:31000\thost-2:31001\t\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json, text/plain", "text/plain;q=0.5, application/json", "*/*",
            "application/*", "not a media type"})
    void jsonWinsUnlessPlainTextIsPreferred(String accept) throws Exception {
        api.mvc.perform(get("/v2/tasks").header("Accept", accept)).andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/json"));
    }

    @Test
    void anAppsTasksAreItsLaunchedOnes() throws Exception {
        api.mvc.perform(get("/v2/apps/prod/web/tasks")).andExpect(status().isOk())
                .andExpect(content().string(tasks(web1, web2, web3)));
        api.mvc.perform(get("/v2/apps/nope/tasks")).andExpect(status().isNotFound())
                .andExpect(content().string("{\"message\":\"App '/nope' does not exist\"}"));
    }

    @Test
    void deleteByIdsKillsWithoutScaling() throws Exception {
        api.mvc.perform(post("/v2/tasks/delete").content("{\"ids\": [\"" + web1.taskId() + "\", \"" + db1.taskId()
                        + "\"]}"))
                .andExpect(status().isOk())
                .andExpect(content().string(tasks(web1, db1)));
        assertThat(api.instances.killed).containsExactly(web1.instanceId(), db1.instanceId());
        assertThat(api.app("/prod/web").instances()).isEqualTo(3);
    }

    @Test
    void anUnknownTaskIdIs400AndKillsNothing() throws Exception {
        api.mvc.perform(post("/v2/tasks/delete").content("{\"ids\": [\"" + web1.taskId() + "\", \"nope.1\"]}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string("{\"message\":\"Invalid task id 'nope.1'. [no such task]\"}"));
        assertThat(api.instances.killed).isEmpty();
    }

    @Test
    void aDeleteBodyWithoutIdsIs422() throws Exception {
        api.mvc.perform(post("/v2/tasks/delete").content("{}")).andExpect(status().is(422))
                .andExpect(content().string(JsonText.compact("""
                        {"message":"Invalid JSON","details":[{"path":"/ids","errors":["error.path.missing"]}]}""")));
        api.mvc.perform(post("/v2/tasks/delete").content("{\"ids\": [1]}")).andExpect(status().is(422))
                .andExpect(content().string(JsonText.compact("""
                        {"message":"Invalid JSON","details":[{"path":"/ids(0)","errors":["error.expected.jsstring"]}]}""")));
    }

    @Test
    void deleteWithScaleLowersEachAppInOneDeployment() throws Exception {
        api.mvc.perform(post("/v2/tasks/delete?scale=true").content("{\"ids\": [\"" + web1.taskId() + "\", \""
                        + web2.taskId() + "\", \"" + db1.taskId() + "\"]}"))
                .andExpect(status().isOk())
                .andExpect(header().string("Marathon-Deployment-Id", FakeDeployer.id(3)))
                .andExpect(content().string("{\"version\":\"2024-05-01T10:00:00.002Z\",\"deploymentId\":\""
                        + FakeDeployer.id(3) + "\"}"));
        assertThat(api.app("/prod/web").instances()).isEqualTo(1);
        assertThat(api.app("/db").instances()).isEqualTo(0);
        assertThat(api.deployer.lastSentenced).isEqualTo(Map.of(WEB, List.of(web1.instanceId(), web2.instanceId()),
                DB, List.of(db1.instanceId())));
        assertThat(api.instances.killed).isEmpty();
    }

    @Test
    void scaleAndWipeTogetherIs400() throws Exception {
        String message = "{\"message\":\"You cannot use scale and wipe at the same time.\"}";
        api.mvc.perform(post("/v2/tasks/delete?scale=true&wipe=true").content("{\"ids\": []}"))
                .andExpect(status().isBadRequest()).andExpect(content().string(message));
        api.mvc.perform(delete("/v2/apps/prod/web/tasks?scale=true&wipe=true"))
                .andExpect(status().isBadRequest()).andExpect(content().string(message));
        api.mvc.perform(delete("/v2/apps/prod/web/tasks/" + web1.taskId() + "?scale=true&wipe=true"))
                .andExpect(status().isBadRequest()).andExpect(content().string(message));
    }

    @Test
    void wipeIsAPlainKill() throws Exception {
        api.mvc.perform(delete("/v2/apps/prod/web/tasks/" + web2.taskId() + "?wipe=true")).andExpect(status().isOk());
        assertThat(api.instances.killed).containsExactly(web2.instanceId());
    }

    @Test
    void killingAnAppsTasksOnAHost() throws Exception {
        api.mvc.perform(delete("/v2/apps/prod/web/tasks?host=host-1")).andExpect(status().isOk())
                .andExpect(content().string(tasks(web1, web3)));
        assertThat(api.instances.killed).containsExactly(web1.instanceId(), web3.instanceId());
    }

    @Test
    void killingAllAnAppsTasksWithScale() throws Exception {
        api.mvc.perform(delete("/v2/apps/prod/web/tasks?scale=true")).andExpect(status().isOk())
                .andExpect(header().exists("Marathon-Deployment-Id"));
        assertThat(api.app("/prod/web").instances()).isEqualTo(0);
        assertThat(api.deployer.lastSentenced.get(WEB))
                .containsExactly(web1.instanceId(), web2.instanceId(), web3.instanceId());
    }

    @Test
    void killingOneTask() throws Exception {
        api.mvc.perform(delete("/v2/apps/prod/web/tasks/" + web2.taskId())).andExpect(status().isOk())
                .andExpect(content().string(MarathonJson.write(Map.of("task", TaskRenderer.render(web2)))));
        api.mvc.perform(delete("/v2/apps/prod/web/tasks/" + web1.taskId() + "?scale=true")).andExpect(status().isOk())
                .andExpect(header().string("Marathon-Deployment-Id", FakeDeployer.id(3)));
        assertThat(api.app("/prod/web").instances()).isEqualTo(2);
        assertThat(api.deployer.lastSentenced).isEqualTo(Map.of(WEB, List.of(web1.instanceId())));
    }

    @Test
    void anUnknownTaskOrOneOfAnotherAppIs404() throws Exception {
        api.mvc.perform(delete("/v2/apps/prod/web/tasks/prod_web.instance-9._app.1")).andExpect(status().isNotFound())
                .andExpect(content().string("{\"message\":\"Task 'prod_web.instance-9._app.1' does not exist\"}"));
        api.mvc.perform(delete("/v2/apps/prod/web/tasks/" + db1.taskId())).andExpect(status().isNotFound())
                .andExpect(content().string("{\"message\":\"Task '" + db1.taskId() + "' does not exist\"}"));
        api.mvc.perform(delete("/v2/apps/nope/tasks/" + db1.taskId())).andExpect(status().isNotFound())
                .andExpect(content().string("{\"message\":\"App '/nope' does not exist\"}"));
        assertThat(api.instances.killed).isEmpty();
    }
}
