package io.mpaas.marathon.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.mpaas.marathon.deployment.DeploymentAction;
import io.mpaas.marathon.fake.ApiHarness;
import io.mpaas.marathon.fake.FakeDeployer;
import io.mpaas.marathon.fake.JsonText;
import io.mpaas.marathon.instance.Condition;
import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.MarathonError.Violation;
import io.mpaas.protocol.marathon.MarathonJson;
import io.mpaas.protocol.marathon.PortDefinition;
import io.mpaas.protocol.marathon.TaskFailure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code /v2/apps} and {@code /v2/apps/{id}}: every answer and every refusal, exactly. */
class AppControllerTest {

    private static final String T0 = "2024-05-01T10:00:00.000Z";
    private static final String T1 = "2024-05-01T10:00:01.000Z";
    private static final String T2 = "2024-05-01T10:00:02.000Z";

    /**
     * Marathon's default port definition ({@code port: 0}) once the app got its service port: the
     * first of the range, the app's own from its first version on.
     */
    private static final List<PortDefinition> FIRST_SERVICE_PORT = List.of(
            new PortDefinition(10000, "tcp", null, Map.of()));

    private final ApiHarness api = new ApiHarness();

    private String body(ResultActions result) throws Exception {
        return result.andReturn().getResponse().getContentAsString();
    }

    private void expectDeployed(ResultActions result, String version, long deployment) throws Exception {
        result.andExpect(status().isOk())
                .andExpect(header().string("Marathon-Deployment-Id", FakeDeployer.id(deployment)))
                .andExpect(content().string("{\"version\":\"" + version + "\",\"deploymentId\":\""
                        + FakeDeployer.id(deployment) + "\"}"));
    }

    private void expectError(ResultActions result, int status, String json) throws Exception {
        result.andExpect(status().is(status)).andExpect(content().string(JsonText.compact(json)));
    }

    @Test
    void createAnswers201WithTheAppZeroCountsAndItsDeployment() throws Exception {
        ResultActions result = api.mvc.perform(post("/v2/apps").content("""
                {"id": "prod/web", "cmd": "sleep 100", "instances": 2, "labels": {"tier": "web"}}"""));
        result.andExpect(status().isCreated())
                .andExpect(header().string("Location", "/prod/web"))
                .andExpect(header().string("Marathon-Deployment-Id", FakeDeployer.id(1)))
                .andExpect(header().string("Content-Type", "application/json"));
        App stored = api.app("/prod/web");
        assertThat(stored.version()).isEqualTo(T0);
        assertThat(stored.versionInfo().lastScalingAt()).isEqualTo(T0);
        assertThat(stored.versionInfo().lastConfigChangeAt()).isEqualTo(T0);
        assertThat(stored).isEqualTo(AppNormalizer.normalize(MarathonJson.read("""
                {"id": "/prod/web", "cmd": "sleep 100", "instances": 2, "labels": {"tier": "web"}}""", App.class),
                PathId.ROOT).toBuilder().portDefinitions(FIRST_SERVICE_PORT).version(T0)
                .versionInfo(stored.versionInfo()).build());
        ObjectNode expected = JsonText.app(stored);
        expected.put("tasksStaged", 0).put("tasksRunning", 0).put("tasksHealthy", 0).put("tasksUnhealthy", 0);
        expected.putArray("deployments").addObject().put("id", FakeDeployer.id(1));
        expected.putArray("tasks");
        assertThat(JsonText.tree(body(result))).isEqualTo(expected);
        assertThat(api.events.apiPosts).singleElement().satisfies(post -> {
            assertThat(post.uri()).isEqualTo("/v2/apps");
            assertThat(post.app()).isEqualTo(stored);
        });
        assertThat(api.deployer.running().getFirst().plan().steps().getFirst().actions().getFirst())
                .isInstanceOf(DeploymentAction.StartApplication.class);
    }

    @Test
    void creatingAnExistingAppIs409() throws Exception {
        api.givenApp("{\"id\": \"/prod/web\", \"cmd\": \"sleep 100\"}");
        expectError(api.mvc.perform(post("/v2/apps").content("{\"id\": \"/prod/web\", \"cmd\": \"sleep 1\"}")), 409,
                """
                {"message":"An app with id [/prod/web] already exists."}""");
    }

    @Test
    void aDefinitionWithoutIdIsInvalidJson() throws Exception {
        expectError(api.mvc.perform(post("/v2/apps").content("{\"cmd\": \"sleep 1\"}")), 422, """
                {"message":"Invalid JSON","details":[{"path":"/id","errors":["error.path.missing"]}]}""");
        expectError(api.mvc.perform(post("/v2/apps").content("{\"id\": null, \"cmd\": \"sleep 1\"}")), 422, """
                {"message":"Invalid JSON","details":[{"path":"/id","errors":["error.path.missing"]}]}""");
        assertThat(api.groups.root().apps()).isEmpty();
    }

    @Test
    void anAppWithAGroupsIdIs422() throws Exception {
        api.givenApp("{\"id\": \"/prod/web\", \"cmd\": \"sleep 100\"}");
        expectError(api.mvc.perform(post("/v2/apps").content("{\"id\": \"/prod\", \"cmd\": \"sleep 1\"}")), 422,
                """
                {"message":"Object is not valid","details":[{"path":"/",
                 "errors":["Groups and Applications may not have the same identifier."]}]}""");
        assertThat(api.groups.root().apps()).containsOnlyKeys(PathId.of("/prod/web"));
    }

    @Test
    void theValidatorsViolationsArePrefixedWithWhereTheDefinitionSits() {
        App withoutId = MarathonJson.read("{\"cmd\": \"sleep 1\"}", App.class);
        List<Violation> own = AppValidator.validate(AppNormalizer.normalize(withoutId, PathId.ROOT));
        assertThat(own).isNotEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AppChanges.valid(withoutId, "/apps(2)"))
                .isInstanceOfSatisfying(io.mpaas.marathon.MarathonFailure.class, e -> {
                    assertThat(e.kind()).isEqualTo(io.mpaas.marathon.MarathonFailure.Kind.INVALID);
                    assertThat(e.violations()).isEqualTo(own.stream().map(v -> new Violation(
                            "/apps(2)" + (v.path().equals("/") ? "" : v.path()), v.errors())).toList());
                });
    }

    @Test
    void oneAppAlwaysEmbedsCountsTasksLastFailureAndDeployments() throws Exception {
        App app = api.givenApp("{\"id\": \"/prod/web\", \"cmd\": \"sleep 100\", \"instances\": 3}");
        PathId id = PathId.of("/prod/web");
        api.clock.advance(Duration.ofSeconds(5));
        api.instances.launched(id, api.versionOf("/prod/web"), 1, Condition.RUNNING, "host-1", List.of(31000),
                List.of(10000));
        api.instances.launched(id, api.versionOf("/prod/web"), 2, Condition.STAGING, "host-2", List.of(31001),
                List.of(10000));
        api.instances.put(io.mpaas.marathon.instance.Instance.scheduled(id, api.versionOf("/prod/web"),
                api.clock.instant()));
        TaskFailure failure = new TaskFailure("/prod/web", "host-3", "Command exited with status 1", "TASK_FAILED",
                "prod_web.instance-9._app.1", T0, T0, "agent-host-3");
        api.failures.put(failure);
        api.mvc.perform(put("/v2/apps/prod/web").content("{\"instances\": 4}")).andExpect(status().isOk());

        String body = body(api.mvc.perform(get("/v2/apps/prod/web")).andExpect(status().isOk()));

        ObjectNode info = JsonText.app(api.app("/prod/web"));
        info.put("tasksStaged", 1).put("tasksRunning", 1).put("tasksHealthy", 0).put("tasksUnhealthy", 0);
        info.putArray("deployments").addObject().put("id", FakeDeployer.id(2));
        info.set("tasks", JsonText.tree("""
                [{"id":"prod_web.instance-1._app.1","appId":"/prod/web","host":"host-1","slaveId":"agent-host-1",
                  "state":"TASK_RUNNING","stagedAt":"2024-05-01T10:00:05.000Z","startedAt":"2024-05-01T10:00:05.000Z",
                  "version":"2024-05-01T10:00:00.000Z","ports":[31000],"servicePorts":[10000],
                  "ipAddresses":[{"ipAddress":"10.0.0.1","protocol":"IPv4"}],"healthCheckResults":[],
                  "localVolumes":[],"role":"default"},
                 {"id":"prod_web.instance-2._app.1","appId":"/prod/web","host":"host-2","slaveId":"agent-host-2",
                  "state":"TASK_STAGING","stagedAt":"2024-05-01T10:00:05.000Z",
                  "version":"2024-05-01T10:00:00.000Z","ports":[31001],"servicePorts":[10000],
                  "ipAddresses":[{"ipAddress":"10.0.0.2","protocol":"IPv4"}],"healthCheckResults":[],
                  "localVolumes":[],"role":"default"}]"""));
        info.set("lastTaskFailure", JsonText.tree(MarathonJson.write(failure)));
        ObjectNode expected = JsonText.object();
        expected.set("app", info);
        assertThat(JsonText.tree(body)).isEqualTo(expected);
        assertThat(app.id()).isEqualTo("/prod/web");
    }

    @Test
    void anUnknownAppIs404() throws Exception {
        expectError(api.mvc.perform(get("/v2/apps/nope")), 404, """
                {"message":"App '/nope' does not exist"}""");
        expectError(api.mvc.perform(delete("/v2/apps/nope")), 404, """
                {"message":"App '/nope' does not exist"}""");
        expectError(api.mvc.perform(post("/v2/apps/nope/restart")), 404, """
                {"message":"App '/nope' does not exist"}""");
        expectError(api.mvc.perform(get("/v2/apps/nope/versions")), 404, """
                {"message":"App '/nope' does not exist"}""");
        expectError(api.mvc.perform(patch("/v2/apps/nope").content("{\"cmd\":\"x\"}")), 404, """
                {"message":"App '/nope' does not exist"}""");
    }

    @Test
    void putMergesTheBodyIntoTheStoredAppByDefault() throws Exception {
        api.givenApp("""
                {"id": "/a", "cmd": "sleep 1", "instances": 2, "labels": {"x": "1"}, "env": {"K": "V"}}""");
        api.clock.advance(Duration.ofSeconds(1));
        expectDeployed(api.mvc.perform(put("/v2/apps/a").content("{\"cmd\": \"sleep 2\"}")), T1, 2);
        App updated = api.app("/a");
        assertThat(updated.cmd()).isEqualTo("sleep 2");
        assertThat(updated.labels()).isEqualTo(Map.of("x", "1"));
        assertThat(updated.env()).isEqualTo(Map.of("K", "V"));
        assertThat(updated.instances()).isEqualTo(2);
        assertThat(updated.version()).isEqualTo(T1);
        assertThat(updated.versionInfo().lastConfigChangeAt()).isEqualTo(T1);
        assertThat(api.events.apiPosts).last().satisfies(p -> assertThat(p.uri()).isEqualTo("/v2/apps/a"));
    }

    @Test
    void aScaleKeepsTheLastConfigChange() throws Exception {
        api.givenApp("{\"id\": \"/a\", \"cmd\": \"sleep 1\"}");
        api.clock.advance(Duration.ofSeconds(1));
        api.mvc.perform(put("/v2/apps/a").content("{\"instances\": 5}")).andExpect(status().isOk());
        App scaled = api.app("/a");
        assertThat(scaled.version()).isEqualTo(T1);
        assertThat(scaled.versionInfo().lastScalingAt()).isEqualTo(T1);
        assertThat(scaled.versionInfo().lastConfigChangeAt()).isEqualTo(T0);
        assertThat(api.deployer.running().getFirst().plan().steps().getFirst().actions().getFirst())
                .isInstanceOf(DeploymentAction.ScaleApplication.class);
    }

    /** The {@code version} and {@code versionInfo} of {@code GET /v2/apps/a}, as clients read them. */
    private String versionsShown() throws Exception {
        JsonNode app = MarathonJson.mapper().readTree(body(api.mvc.perform(get("/v2/apps/a"))
                .andExpect(status().isOk()))).get("app");
        return app.get("version") + " " + app.get("versionInfo");
    }

    @Test
    void getShowsTheVersionInfoOfAScaleAndOfAConfigChange() throws Exception {
        String t3 = "2024-05-01T10:00:03.000Z";
        api.givenApp("{\"id\": \"/a\", \"cmd\": \"sleep 1\"}");
        api.clock.advance(Duration.ofSeconds(1));
        api.mvc.perform(put("/v2/apps/a").content("{\"instances\": 3}")).andExpect(status().isOk());
        api.deployer.finishAll();
        assertThat(versionsShown()).isEqualTo("\"" + T1 + "\" {\"lastScalingAt\":\"" + T1
                + "\",\"lastConfigChangeAt\":\"" + T0 + "\"}");

        api.clock.advance(Duration.ofSeconds(1));
        api.mvc.perform(put("/v2/apps/a").content("{\"env\": {\"RELEASE\": \"2\"}}")).andExpect(status().isOk());
        api.deployer.finishAll();
        assertThat(versionsShown()).isEqualTo("\"" + T2 + "\" {\"lastScalingAt\":\"" + T2
                + "\",\"lastConfigChangeAt\":\"" + T2 + "\"}");

        api.clock.advance(Duration.ofSeconds(1));
        api.mvc.perform(put("/v2/apps/a").content("{\"instances\": 1}")).andExpect(status().isOk());
        assertThat(versionsShown()).isEqualTo("\"" + t3 + "\" {\"lastScalingAt\":\"" + t3
                + "\",\"lastConfigChangeAt\":\"" + T2 + "\"}");
    }

    @Test
    void aScaleSentAsTheWholeDefinitionWithPortZeroKeepsTheServicePortAndStaysAScale() throws Exception {
        String definition = "\"cmd\": \"sleep 1\", \"portDefinitions\": [{\"port\": 0}]";
        api.givenApp("{\"id\": \"/a\", " + definition + "}");
        api.clock.advance(Duration.ofSeconds(1));
        api.mvc.perform(put("/v2/apps/a?partialUpdate=false").content("{\"instances\": 3, " + definition + "}"))
                .andExpect(status().isOk());
        App scaled = api.app("/a");
        assertThat(scaled.portDefinitions()).isEqualTo(FIRST_SERVICE_PORT);
        assertThat(scaled.version()).isEqualTo(T1);
        assertThat(scaled.versionInfo().lastConfigChangeAt()).isEqualTo(T0);
        assertThat(api.deployer.running().getFirst().plan().steps().getFirst().actions())
                .singleElement().isInstanceOf(DeploymentAction.ScaleApplication.class);
    }

    @Test
    void putWithoutPartialUpdateReplacesTheDefinition() throws Exception {
        api.givenApp("{\"id\": \"/a\", \"cmd\": \"sleep 1\", \"labels\": {\"x\": \"1\"}}");
        api.clock.advance(Duration.ofSeconds(1));
        api.mvc.perform(put("/v2/apps/a?partialUpdate=false").content("{\"cmd\": \"sleep 2\"}"))
                .andExpect(status().isOk());
        assertThat(api.app("/a")).isEqualTo(AppNormalizer.normalize(App.withId("/a").toBuilder().cmd("sleep 2")
                .build(), PathId.ROOT).toBuilder().portDefinitions(FIRST_SERVICE_PORT).version(T1)
                .versionInfo(api.app("/a").versionInfo()).build());
        assertThat(api.app("/a").labels()).isEmpty();
    }

    @Test
    void putOfAnUnknownAppCreatesItWith201() throws Exception {
        api.mvc.perform(put("/v2/apps/new").content("{\"cmd\": \"sleep 2\"}"))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/new"))
                .andExpect(header().string("Marathon-Deployment-Id", FakeDeployer.id(1)))
                .andExpect(content().string("{\"version\":\"" + T0 + "\",\"deploymentId\":\"" + FakeDeployer.id(1)
                        + "\"}"));
        assertThat(api.app("/new").cmd()).isEqualTo("sleep 2");
    }

    @Test
    void theBodysIdCannotMoveTheApp() throws Exception {
        api.givenApp("{\"id\": \"/a\", \"cmd\": \"sleep 1\"}");
        api.mvc.perform(put("/v2/apps/a").content("{\"id\": \"/b\", \"cmd\": \"sleep 2\"}")).andExpect(status().isOk());
        assertThat(api.groups.root().apps()).containsOnlyKeys(PathId.of("/a"));
        assertThat(api.app("/a").cmd()).isEqualTo("sleep 2");
    }

    @Test
    void aPartialUpdateSwitchingToArgsDropsTheStoredCmd() throws Exception {
        api.givenApp("{\"id\": \"/a\", \"cmd\": \"sleep 1\"}");
        api.mvc.perform(put("/v2/apps/a").content("{\"args\": [\"sleep\", \"2\"]}")).andExpect(status().isOk());
        assertThat(api.app("/a").cmd()).isNull();
        assertThat(api.app("/a").args()).containsExactly("sleep", "2");
    }

    @Test
    void aPartialUpdateSwitchingToBridgeNetworkingDropsTheStoredPortDefinitions() throws Exception {
        api.givenApp("""
                {"id": "/a", "cmd": "sleep 1", "portDefinitions": [{"port": 0, "protocol": "tcp"}]}""");
        api.mvc.perform(put("/v2/apps/a").content("""
                {"networks": [{"mode": "container/bridge"}],
                 "container": {"type": "DOCKER", "docker": {"image": "nginx"},
                               "portMappings": [{"containerPort": 80, "hostPort": 0}]}}"""))
                .andExpect(status().isOk());
        App app = api.app("/a");
        assertThat(app.portDefinitions()).isNull();
        assertThat(app.container().portMappings()).hasSize(1);
    }

    @Test
    void aVersionAloneRollsBackToThatDefinition() throws Exception {
        api.givenApp("{\"id\": \"/a\", \"cmd\": \"sleep 1\", \"instances\": 2}");
        api.clock.advance(Duration.ofSeconds(1));
        api.mvc.perform(put("/v2/apps/a").content("{\"cmd\": \"sleep 2\"}")).andExpect(status().isOk());
        api.deployer.finishAll();
        api.clock.advance(Duration.ofSeconds(1));
        expectDeployed(api.mvc.perform(put("/v2/apps/a").content("{\"id\": \"/a\", \"version\": \"" + T0 + "\"}")),
                T2, 3);
        App rolledBack = api.app("/a");
        assertThat(rolledBack.cmd()).isEqualTo("sleep 1");
        assertThat(rolledBack.version()).isEqualTo(T2);
        assertThat(rolledBack.versionInfo().lastConfigChangeAt()).isEqualTo(T2);
        assertThat(api.deployer.running().getFirst().plan().steps().getFirst().actions().getFirst())
                .isInstanceOf(DeploymentAction.RestartApplication.class);
    }

    @Test
    void aVersionWithOtherFieldsIs422() throws Exception {
        api.givenApp("{\"id\": \"/a\", \"cmd\": \"sleep 1\"}");
        expectError(api.mvc.perform(put("/v2/apps/a").content("{\"version\": \"" + T0 + "\", \"cmd\": \"x\"}")), 422,
                """
                {"message":"Object is not valid","details":[{"path":"/",
                 "errors":["The 'version' field may only be combined with the 'id' field."]}]}""");
    }

    @Test
    void anUnknownVersionToRollBackToIs404() throws Exception {
        api.givenApp("{\"id\": \"/a\", \"cmd\": \"sleep 1\"}");
        expectError(api.mvc.perform(put("/v2/apps/a").content("{\"version\": \"2020-01-01T00:00:00.000Z\"}")), 404,
                """
                {"message":"App '/a' does not exist in version 2020-01-01T00:00:00.000Z"}""");
        expectError(api.mvc.perform(put("/v2/apps/a").content("{\"version\": \"yesterday\"}")), 422, """
                {"message":"Invalid JSON","details":[{"path":"/version","errors":["error.expected.date.isoformat"]}]}""");
    }

    @Test
    void patchChangesOnlyTheGivenFields() throws Exception {
        api.givenApp("{\"id\": \"/a\", \"cmd\": \"sleep 1\", \"labels\": {\"x\": \"1\"}}");
        api.clock.advance(Duration.ofSeconds(1));
        expectDeployed(api.mvc.perform(patch("/v2/apps/a").content("{\"labels\": {\"y\": \"2\"}}")), T1, 2);
        assertThat(api.app("/a").labels()).isEqualTo(Map.of("y", "2"));
        assertThat(api.app("/a").cmd()).isEqualTo("sleep 1");
    }

    @Test
    void anArrayOfAppsIsOneDeployment() throws Exception {
        api.givenApp("{\"id\": \"/a\", \"cmd\": \"sleep 1\"}");
        api.clock.advance(Duration.ofSeconds(1));
        expectDeployed(api.mvc.perform(put("/v2/apps").content("""
                [{"id": "/a", "instances": 3}, {"id": "b", "cmd": "sleep 3"}]""")), T1, 2);
        assertThat(api.app("/a").instances()).isEqualTo(3);
        assertThat(api.app("/a").cmd()).isEqualTo("sleep 1");
        assertThat(api.app("/b").cmd()).isEqualTo("sleep 3");
        assertThat(api.deployer.running()).singleElement()
                .satisfies(s -> assertThat(s.plan().affectedApps()).containsExactly(PathId.of("/a"), PathId.of("/b")));
        assertThat(api.events.apiPosts).extracting(p -> p.app().id()).containsExactly("/a", "/b");
    }

    @Test
    void anArrayElementWithoutIdIs422() throws Exception {
        expectError(api.mvc.perform(put("/v2/apps").content("[{\"id\": \"/a\"}, {\"cmd\": \"sleep 1\"}]")), 422, """
                {"message":"Invalid JSON","details":[{"path":"/(1)/id","errors":["error.path.missing"]}]}""");
        expectError(api.mvc.perform(put("/v2/apps").content("{\"id\": \"/a\"}")), 422, """
                {"message":"Invalid JSON","details":[{"path":"/","errors":["error.expected.jsarray"]}]}""");
        expectError(api.mvc.perform(put("/v2/apps").content("[{\"id\": \"/a\", \"instances\": \"x\"}]")), 422, """
                {"message":"Invalid JSON","details":[{"path":"/(0)/instances","errors":["error.expected.jsnumber"]}]}""");
    }

    @Test
    void patchingAnArrayNeverCreates() throws Exception {
        api.givenApp("{\"id\": \"/a\", \"cmd\": \"sleep 1\"}");
        expectError(api.mvc.perform(patch("/v2/apps").content("[{\"id\": \"/a\", \"instances\": 2}, {\"id\": \"/b\"}]")),
                404, """
                {"message":"App '/b' does not exist"}""");
        assertThat(api.app("/a").instances()).isEqualTo(1);
        api.mvc.perform(patch("/v2/apps").content("[{\"id\": \"/a\", \"instances\": 2}]")).andExpect(status().isOk());
        assertThat(api.app("/a").instances()).isEqualTo(2);
    }

    @Test
    void deleteStopsTheAppAndForcesByDefault() throws Exception {
        api.givenApp("{\"id\": \"/a\", \"cmd\": \"sleep 1\"}");
        api.clock.advance(Duration.ofSeconds(1));
        expectDeployed(api.mvc.perform(delete("/v2/apps/a")), T1, 2);
        assertThat(api.groups.root().apps()).isEmpty();
        assertThat(api.deployer.forces).last().isEqualTo(true);
        assertThat(api.deployer.running().getFirst().plan().steps().getFirst().actions().getFirst())
                .isInstanceOf(DeploymentAction.StopApplication.class);
        api.givenApp("{\"id\": \"/b\", \"cmd\": \"sleep 1\"}");
        api.mvc.perform(delete("/v2/apps/b?force=false")).andExpect(status().isOk());
        assertThat(api.deployer.forces).last().isEqualTo(false);
    }

    @Test
    void restartGivesTheSameDefinitionANewVersion() throws Exception {
        App before = api.givenApp("{\"id\": \"/a\", \"cmd\": \"sleep 1\", \"instances\": 2}");
        api.clock.advance(Duration.ofSeconds(1));
        expectDeployed(api.mvc.perform(post("/v2/apps/a/restart")), T1, 2);
        App after = api.app("/a");
        assertThat(after.toBuilder().version(null).versionInfo(null).build())
                .isEqualTo(before.toBuilder().version(null).versionInfo(null).build());
        assertThat(after.version()).isEqualTo(T1);
        assertThat(after.versionInfo().lastConfigChangeAt()).isEqualTo(T1);
        assertThat(api.deployer.running().getFirst().plan().steps().getFirst().actions())
                .singleElement().isInstanceOf(DeploymentAction.RestartApplication.class);
        assertThat(api.deployer.forces).last().isEqualTo(false);
    }

    @Test
    void versionsAreListedNewestFirstAndEachIsThePlainDefinition() throws Exception {
        App first = api.givenApp("{\"id\": \"/a\", \"cmd\": \"sleep 1\"}");
        api.clock.advance(Duration.ofSeconds(1));
        api.mvc.perform(put("/v2/apps/a").content("{\"cmd\": \"sleep 2\"}")).andExpect(status().isOk());
        api.mvc.perform(get("/v2/apps/a/versions")).andExpect(status().isOk())
                .andExpect(content().string("{\"versions\":[\"" + T1 + "\",\"" + T0 + "\"]}"));
        api.mvc.perform(get("/v2/apps/a/versions/" + T0)).andExpect(status().isOk())
                .andExpect(content().string(MarathonJson.write(first)));
        expectError(api.mvc.perform(get("/v2/apps/a/versions/2020-01-01T00:00:00.000Z")), 404, """
                {"message":"App '/a' does not exist in version 2020-01-01T00:00:00.000Z"}""");
        expectError(api.mvc.perform(get("/v2/apps/a/versions/latest")), 404, """
                {"message":"App '/a' does not exist in version latest"}""");
    }
}
