package io.mpaas.marathon.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.mpaas.marathon.fake.ApiHarness;
import io.mpaas.marathon.fake.FakeDeployer;
import io.mpaas.marathon.fake.JsonText;
import io.mpaas.marathon.instance.Condition;
import io.mpaas.marathon.instance.Instance;
import io.mpaas.protocol.marathon.MarathonJson;
import io.mpaas.protocol.marathon.MarathonTask.HealthCheckResult;
import io.mpaas.protocol.marathon.TaskFailure;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code GET /v2/apps}: filters, the label selector, every embed, and {@code /v2/apps/group/*}. */
class AppListTest {

    private final ApiHarness api = new ApiHarness();

    private JsonNode get200(String path) throws Exception {
        return get200(java.net.URI.create(path));
    }

    private JsonNode get200(java.net.URI path) throws Exception {
        return JsonText.tree(api.mvc.perform(get(path)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString());
    }

    private List<String> ids(java.net.URI path) throws Exception {
        JsonNode apps = get200(path).get("apps");
        List<String> ids = new ArrayList<>();
        apps.forEach(app -> ids.add(app.get("id").asString()));
        return ids;
    }

    private void threeApps() {
        api.givenApp("""
                {"id": "/prod/web", "cmd": "python3 -m http.server", "labels": {"tier": "web", "canary": "true"}}""");
        api.givenApp("""
                {"id": "/prod/db/pg", "cmd": "postgres -D /data", "labels": {"tier": "db"}}""");
        api.givenApp("""
                {"id": "/dev/web", "cmd": "python3 app.py", "labels": {"tier": "web"}}""");
    }

    @Test
    void withoutEmbedEachAppCarriesCountsAndDeploymentsOnly() throws Exception {
        api.givenApp("{\"id\": \"/a\", \"cmd\": \"sleep 1\"}");
        api.mvc.perform(put("/v2/apps/a").content("{\"instances\": 2}")).andExpect(status().isOk());
        ObjectNode expected = JsonText.app(api.app("/a"));
        expected.put("tasksStaged", 0).put("tasksRunning", 0).put("tasksHealthy", 0).put("tasksUnhealthy", 0);
        expected.putArray("deployments").addObject().put("id", FakeDeployer.id(2));
        ObjectNode list = JsonText.object();
        list.putArray("apps").add(expected);
        assertThat(get200("/v2/apps")).isEqualTo(list);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "cmd=python           | /dev/web,/prod/web",
        "cmd=POSTGRES         | /prod/db/pg",
        "id=web               | /dev/web,/prod/web",
        "id=/PROD             | /prod/db/pg,/prod/web",
        "id=/prod/*           | /prod/db/pg,/prod/web",
        "id=*/web             | /dev/web,/prod/web",
        "id=web&cmd=app.py    | /dev/web",
        "label=tier==web      | /dev/web,/prod/web",
        "label=tier!=web      | /prod/db/pg",
        "label=tier in (db, web) | /dev/web,/prod/db/pg,/prod/web",
        "label=tier notin (web) | /prod/db/pg",
        "label=canary         | /prod/web",
        "label=tier==web,canary | /prod/web",
        "label=canary!=false,tier | /prod/web",
        "label=missing        | ''"
    })
    void filtersSelectApps(String query, String expected) throws Exception {
        threeApps();
        String encoded = query.contains("label=") ? "label=" + URLEncoder.encode(query.substring(6),
                StandardCharsets.UTF_8).replace("+", "%20") : query;
        assertThat(ids(java.net.URI.create("/v2/apps?" + encoded)))
                .containsExactlyElementsOf(expected.isEmpty() ? List.of() : List.of(expected.split(",")));
    }

    @Test
    void aBrokenLabelSelectorIs422() throws Exception {
        api.mvc.perform(get("/v2/apps").param("label", "tier=="))
                .andExpect(status().is(422))
                .andExpect(content().string("{\"message\":\"Can not parse label selector tier==. Reason: "
                        + "a label key or value is missing at the end\"}"));
    }

    @Test
    void embedTasksAddsEachAppsLaunchedTasks() throws Exception {
        api.givenApp("{\"id\": \"/a\", \"cmd\": \"sleep 1\", \"instances\": 2}");
        api.givenApp("{\"id\": \"/b\", \"cmd\": \"sleep 1\"}");
        Instance a1 = api.instances.launched(PathId.of("/a"), api.versionOf("/a"), 1, Condition.RUNNING, "h1",
                List.of(31000), List.of());
        api.instances.put(Instance.scheduled(PathId.of("/a"), api.versionOf("/a"), api.clock.instant()));
        JsonNode apps = get200("/v2/apps?embed=apps.tasks").get("apps");
        assertThat(apps.get(0).get("tasks")).hasSize(1);
        assertThat(apps.get(0).get("tasks").get(0).get("id").asString()).isEqualTo(a1.taskId());
        assertThat(apps.get(0).get("tasksRunning").asInt()).isEqualTo(1);
        assertThat(apps.get(1).get("tasks")).isEmpty();
        assertThat(apps.get(0).has("lastTaskFailure")).isFalse();
    }

    @Test
    void embedLastTaskFailureReadinessAndFailures() throws Exception {
        api.givenApp("{\"id\": \"/a\", \"cmd\": \"sleep 1\"}");
        api.givenApp("{\"id\": \"/b\", \"cmd\": \"sleep 1\"}");
        TaskFailure failure = new TaskFailure("/a", "h1", "exit 1", "TASK_FAILED", "a.instance-1._app.1",
                "2024-05-01T10:00:00.000Z", "2024-05-01T10:00:00.000Z", "agent-1");
        api.failures.put(failure);

        JsonNode failures = get200("/v2/apps?embed=apps.lastTaskFailure").get("apps");
        assertThat(failures.get(0).get("lastTaskFailure")).isEqualTo(JsonText.tree(MarathonJson.write(failure)));
        assertThat(failures.get(1).has("lastTaskFailure")).isFalse();
        assertThat(failures.get(0).has("tasks")).isFalse();

        api.readiness.put(io.mpaas.marathon.app.PathId.of("/b"), java.util.List.of(
                new io.mpaas.marathon.health.ReadinessCheckResult("readinessCheck", "b.instance-1._app.1", false,
                        null)));
        JsonNode readiness = get200("/v2/apps?embed=apps.readiness").get("apps");
        assertThat(readiness.get(0).get("readinessCheckResults")).isEmpty();
        assertThat(readiness.get(1).get("readinessCheckResults")).isEqualTo(JsonText.tree(
                "[{\"name\":\"readinessCheck\",\"taskId\":\"b.instance-1._app.1\",\"ready\":false}]"));

        JsonNode deprecated = get200("/v2/apps?embed=apps.failures&embed=apps.unknown").get("apps").get(0);
        assertThat(deprecated.has("tasks")).isTrue();
        assertThat(deprecated.has("lastTaskFailure")).isTrue();
        assertThat(deprecated.has("tasksStaged")).isTrue();
        assertThat(deprecated.has("deployments")).isTrue();
        assertThat(deprecated.has("taskStats")).isFalse();
    }

    @Test
    void healthCountsOnlyForAppsWithChecks() throws Exception {
        api.givenApp("""
                {"id": "/checked", "cmd": "sleep 1", "instances": 4, "portDefinitions": [{"port": 0}],
                 "healthChecks": [{"protocol": "TCP", "portIndex": 0}]}""");
        api.givenApp("{\"id\": \"/unchecked\", \"cmd\": \"sleep 1\"}");
        PathId checked = PathId.of("/checked");
        HealthCheckResult up = new HealthCheckResult(true, 0, null, null, null, null, "x");
        HealthCheckResult down = new HealthCheckResult(false, 2, null, null, null, "refused", "x");
        api.instances.put(api.instances.launched(checked, api.versionOf("/checked"), 1, Condition.RUNNING, "h1",
                List.of(1), List.of()).withHealthResults(List.of(up)));
        api.instances.put(api.instances.launched(checked, api.versionOf("/checked"), 2, Condition.RUNNING, "h2",
                List.of(1), List.of()).withHealthResults(List.of(down)));
        api.instances.launched(checked, api.versionOf("/checked"), 3, Condition.RUNNING, "h3", List.of(1), List.of());
        api.instances.launched(checked, api.versionOf("/checked"), 4, Condition.STARTING, "h4", List.of(1), List.of());
        api.instances.launched(PathId.of("/unchecked"), api.versionOf("/unchecked"), 5, Condition.RUNNING, "h5",
                List.of(), List.of());
        JsonNode apps = get200("/v2/apps").get("apps");
        assertThat(counts(apps.get(0))).containsExactly(1, 3, 1, 1);
        assertThat(counts(apps.get(1))).containsExactly(0, 1, 0, 0);
    }

    private static List<Integer> counts(JsonNode app) {
        return List.of(app.get("tasksStaged").asInt(), app.get("tasksRunning").asInt(), app.get("tasksHealthy").asInt(),
                app.get("tasksUnhealthy").asInt());
    }

    @Test
    void taskStatsSplitTasksByScalingAndConfiguration() throws Exception {
        api.givenApp("{\"id\": \"/a\", \"cmd\": \"sleep 1\"}");
        PathId a = PathId.of("/a");
        api.clock.advance(Duration.ofSeconds(5));
        api.instances.launched(a, api.versionOf("/a"), 1, Condition.RUNNING, "h1", List.of(), List.of());
        api.clock.advance(Duration.ofSeconds(5));
        api.mvc.perform(put("/v2/apps/a").content("{\"instances\": 2}")).andExpect(status().isOk());
        api.deployer.finishAll();
        api.clock.advance(Duration.ofSeconds(5));
        api.instances.launched(a, api.versionOf("/a"), api.configVersionOf("/a"), 2, Condition.RUNNING, "h2",
                List.of(), List.of());
        api.clock.advance(Duration.ofSeconds(10));
        JsonNode stats = get200("/v2/apps?embed=apps.taskStats").get("apps").get(0).get("taskStats");
        assertThat(stats).isEqualTo(JsonText.tree("""
                {"startedAfterLastScaling":{"stats":{"counts":{"staged":0,"running":1,"healthy":0,"unhealthy":0},
                   "lifeTime":{"averageSeconds":10.0,"medianSeconds":10.0}}},
                 "withLatestConfig":{"stats":{"counts":{"staged":0,"running":2,"healthy":0,"unhealthy":0},
                   "lifeTime":{"averageSeconds":15.0,"medianSeconds":15.0}}},
                 "totalSummary":{"stats":{"counts":{"staged":0,"running":2,"healthy":0,"unhealthy":0},
                   "lifeTime":{"averageSeconds":15.0,"medianSeconds":15.0}}}}"""));
        api.clock.advance(Duration.ofSeconds(1));
        api.mvc.perform(put("/v2/apps/a").content("{\"cmd\": \"sleep 2\"}")).andExpect(status().isOk());
        JsonNode outdated = get200("/v2/apps?embed=apps.taskStats").get("apps").get(0).get("taskStats");
        assertThat(outdated.get("withOutdatedConfig").get("stats").get("counts").get("running").asInt()).isEqualTo(2);
        assertThat(outdated.has("withLatestConfig")).isFalse();
        assertThat(outdated.has("startedAfterLastScaling")).isFalse();
    }

    @Test
    void aStarListsEveryAppUnderTheGroup() throws Exception {
        threeApps();
        JsonNode under = get200("/v2/apps/prod/*").get("*");
        List<String> ids = new ArrayList<>();
        under.forEach(app -> ids.add(app.get("id").asString()));
        assertThat(ids).containsExactly("/prod/db/pg", "/prod/web");
        assertThat(under.get(0).has("tasksRunning")).isTrue();
        assertThat(get200("/v2/apps/*").get("*")).hasSize(3);
        api.mvc.perform(get("/v2/apps/nope/*")).andExpect(status().isNotFound())
                .andExpect(content().string("{\"message\":\"Group '/nope' does not exist\"}"));
    }

    @Test
    void oneAppTakesFurtherEmbeds() throws Exception {
        api.givenApp("{\"id\": \"/a\", \"cmd\": \"sleep 1\"}");
        JsonNode app = get200("/v2/apps/a?embed=app.taskStats&embed=app.readiness").get("app");
        assertThat(app.has("readinessCheckResults")).isTrue();
        assertThat(app.get("taskStats")).isEqualTo(JsonText.object());
        assertThat(app.has("tasks")).isTrue();
    }
}
