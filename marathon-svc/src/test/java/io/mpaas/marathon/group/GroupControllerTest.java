package io.mpaas.marathon.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.fake.ApiHarness;
import io.mpaas.marathon.fake.FakeDeployer;
import io.mpaas.marathon.fake.JsonText;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code /v2/groups}: the tree, embeds, versions, and every kind of group change. */
class GroupControllerTest {

    private static final String T0 = "2024-05-01T10:00:00.000Z";
    private static final String T1 = "2024-05-01T10:00:01.000Z";
    private static final String PRODUCT = """
            {"id": "/product", "groups": [
              {"id": "database", "apps": [{"id": "pg", "cmd": "postgres"}]},
              {"id": "service", "dependencies": ["/product/database"],
               "apps": [{"id": "web", "cmd": "sleep 1", "instances": 2}]}]}""";

    private final ApiHarness api = new ApiHarness();

    private JsonNode json(ResultActions result) throws Exception {
        return JsonText.tree(result.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    private void product() throws Exception {
        api.mvc.perform(post("/v2/groups").content(PRODUCT)).andExpect(status().isCreated());
        api.deployer.finishAll();
    }

    private static ObjectNode group(String id, String version, List<ObjectNode> apps, List<ObjectNode> groups,
            String... dependencies) {
        ObjectNode group = JsonText.object();
        group.put("id", id);
        ArrayNode appArray = group.putArray("apps");
        apps.forEach(appArray::add);
        ArrayNode groupArray = group.putArray("groups");
        groups.forEach(groupArray::add);
        group.putArray("pods");
        ArrayNode deps = group.putArray("dependencies");
        for (String dependency : dependencies) {
            deps.add(dependency);
        }
        group.put("version", version);
        return group;
    }

    @Test
    void theEmptyRoot() throws Exception {
        api.mvc.perform(get("/v2/groups")).andExpect(status().isOk()).andExpect(content().string(JsonText.compact("""
                {"id":"/","apps":[],"groups":[],"pods":[],"dependencies":[],"version":"1970-01-01T00:00:00.000Z"}""")));
    }

    @Test
    void createAnswers201AndTheTreeShowsNestedGroupsAndDependencies() throws Exception {
        api.mvc.perform(post("/v2/groups").content(PRODUCT))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/product"))
                .andExpect(header().string("Marathon-Deployment-Id", FakeDeployer.id(1)))
                .andExpect(content().string("{\"version\":\"" + T0 + "\",\"deploymentId\":\"" + FakeDeployer.id(1)
                        + "\"}"));
        ObjectNode database = group("/product/database", T0, List.of(JsonText.app(api.app("/product/database/pg"))),
                List.of());
        ObjectNode service = group("/product/service", T0, List.of(JsonText.app(api.app("/product/service/web"))),
                List.of(), "/product/database");
        assertThat(json(api.mvc.perform(get("/v2/groups/product"))))
                .isEqualTo(group("/product", T0, List.of(), List.of(database, service)));
        assertThat(api.groups.root().dependenciesOf(PathId.of("/product/service/web")))
                .containsExactly(PathId.of("/product/database/pg"));
        assertThat(json(api.mvc.perform(get("/v2/groups"))).get("groups").get(0).get("id").asString())
                .isEqualTo("/product");
    }

    @Test
    void creatingAnExistingGroupIs409() throws Exception {
        product();
        api.mvc.perform(post("/v2/groups").content("{\"id\": \"/product\"}")).andExpect(status().isConflict())
                .andExpect(content().string(
                        "{\"message\":\"Group /product is already created. Use PUT to change this group.\"}"));
        api.mvc.perform(post("/v2/groups/product/database")).andExpect(status().isBadRequest());
        api.mvc.perform(post("/v2/groups/product/database").content("{}")).andExpect(status().isConflict())
                .andExpect(content().string(
                        "{\"message\":\"Group /product/database is already created. Use PUT to change this group.\"}"));
    }

    @Test
    void aBodyIdIsRelativeToThePath() throws Exception {
        product();
        api.mvc.perform(post("/v2/groups/product").content("{\"id\": \"extra\", \"apps\": [{\"id\": \"x\", "
                + "\"cmd\": \"sleep 1\"}]}")).andExpect(status().isCreated())
                .andExpect(header().string("Location", "/product/extra"));
        assertThat(api.groups.root().app(PathId.of("/product/extra/x"))).isPresent();
    }

    @Test
    void anAppOutsideItsGroupIs422() throws Exception {
        api.mvc.perform(post("/v2/groups").content("""
                {"id": "/g", "apps": [{"id": "/other/app", "cmd": "x"}, {"id": "/g/h/app", "cmd": "x"}]}"""))
                .andExpect(status().is(422))
                .andExpect(content().string(JsonText.compact("""
                        {"message":"Object is not valid","details":[
                          {"path":"/apps(0)/id",
                           "errors":["identifier /other/app is not child of /g. Hint: use relative paths."]},
                          {"path":"/apps(1)/id",
                           "errors":["identifier /g/h/app is not child of /g. Hint: use relative paths."]}]}""")));
        assertThat(api.groups.root().apps()).isEmpty();
    }

    @Test
    void aSubgroupOrAppWithoutIdIsInvalidJson() throws Exception {
        api.mvc.perform(post("/v2/groups").content("{\"id\": \"/g\", \"groups\": [{\"id\": \"a\"}, {\"apps\": []}]}"))
                .andExpect(status().is(422))
                .andExpect(content().string(JsonText.compact("""
                        {"message":"Invalid JSON","details":[{"path":"/groups(1)/id","errors":["error.path.missing"]}]}""")));
        api.mvc.perform(post("/v2/groups").content("{\"id\": \"/g\", \"apps\": [{\"cmd\": \"x\"}]}"))
                .andExpect(status().is(422))
                .andExpect(content().string(JsonText.compact("""
                        {"message":"Invalid JSON","details":[{"path":"/apps(0)/id","errors":["error.path.missing"]}]}""")));
        assertThat(api.groups.root().hasGroup(PathId.of("/g"))).isFalse();
    }

    @Test
    void embedsChooseWhatTheTreeShows() throws Exception {
        product();
        JsonNode appsOnly = json(api.mvc.perform(get("/v2/groups/product/service?embed=group.apps")));
        assertThat(appsOnly.has("groups")).isFalse();
        assertThat(appsOnly.has("pods")).isFalse();
        assertThat(appsOnly.get("apps").get(0).has("tasksRunning")).isFalse();

        JsonNode groupsOnly = json(api.mvc.perform(get("/v2/groups/product?embed=group.groups")));
        assertThat(groupsOnly.has("apps")).isFalse();
        assertThat(groupsOnly.get("groups").get(1).has("apps")).isFalse();
        assertThat(groupsOnly.get("groups").get(1).get("id").asString()).isEqualTo("/product/service");

        JsonNode counted = json(api.mvc.perform(get("/v2/groups/product/service?embed=group.apps.counts"
                + "&embed=group.apps.deployments")));
        assertThat(counted.get("apps").get(0).get("tasksRunning").asInt()).isZero();
        assertThat(counted.get("apps").get(0).get("deployments")).isEmpty();
        assertThat(counted.has("groups")).isFalse();
    }

    @Test
    void anUnknownGroupIs404() throws Exception {
        String message = "{\"message\":\"Group '/nope' does not exist\"}";
        api.mvc.perform(get("/v2/groups/nope")).andExpect(status().isNotFound()).andExpect(content().string(message));
        api.mvc.perform(get("/v2/groups/nope/versions")).andExpect(status().isNotFound())
                .andExpect(content().string(message));
        api.mvc.perform(delete("/v2/groups/nope")).andExpect(status().isNotFound())
                .andExpect(content().string(message));
        api.mvc.perform(put("/v2/groups/nope").content("{\"scaleBy\": 2}")).andExpect(status().isNotFound())
                .andExpect(content().string(message));
    }

    @Test
    void versionsOfTheRootAndOfAGroup() throws Exception {
        api.givenApp("{\"id\": \"/solo\", \"cmd\": \"sleep 1\"}");
        api.clock.advance(Duration.ofSeconds(1));
        product();
        api.mvc.perform(get("/v2/groups/versions")).andExpect(status().isOk())
                .andExpect(content().string("[\"" + T1 + "\",\"" + T0 + "\"]"));
        api.mvc.perform(get("/v2/groups/product/versions")).andExpect(status().isOk())
                .andExpect(content().string("[\"" + T1 + "\"]"));
        JsonNode atT0 = json(api.mvc.perform(get("/v2/groups/versions/" + T0)));
        assertThat(atT0.get("apps").get(0)).isEqualTo(JsonText.app(api.app("/solo")));
        assertThat(atT0.get("groups")).isEmpty();
        api.mvc.perform(get("/v2/groups/product/versions/" + T0)).andExpect(status().isNotFound())
                .andExpect(content().string("{\"message\":\"Group '/product' does not exist in version " + T0 + "\"}"));
    }

    @Test
    void putReplacesTheListsItIsSentAndKeepsTheOthers() throws Exception {
        product();
        api.clock.advance(Duration.ofSeconds(1));
        api.mvc.perform(put("/v2/groups/product/service").content("{\"apps\": [{\"id\": \"web\", \"cmd\": \"sleep 2\"}]}"))
                .andExpect(status().isOk())
                .andExpect(header().string("Marathon-Deployment-Id", FakeDeployer.id(2)))
                .andExpect(content().string("{\"version\":\"" + T1 + "\",\"deploymentId\":\"" + FakeDeployer.id(2)
                        + "\"}"));
        assertThat(api.app("/product/service/web").cmd()).isEqualTo("sleep 2");
        assertThat(api.app("/product/database/pg").version()).isEqualTo(T0);
        assertThat(api.groups.root().groupSpec(PathId.of("/product/service")).dependencies())
                .containsExactly(PathId.of("/product/database"));
        api.deployer.finishAll();

        api.mvc.perform(put("/v2/groups/product").content("{\"groups\": [{\"id\": \"database\"}]}"))
                .andExpect(status().isOk());
        assertThat(api.groups.root().apps()).containsOnlyKeys(PathId.of("/product/database/pg"));
        assertThat(api.groups.root().hasGroup(PathId.of("/product/service"))).isFalse();
        api.deployer.finishAll();

        api.mvc.perform(put("/v2/groups/product/database").content("{\"apps\": []}")).andExpect(status().isOk());
        assertThat(api.groups.root().apps()).isEmpty();
        assertThat(api.groups.root().hasGroup(PathId.of("/product/database"))).isTrue();
    }

    @Test
    void putCreatesAMissingGroup() throws Exception {
        api.mvc.perform(put("/v2/groups/fresh").content("{\"apps\": [{\"id\": \"a\", \"cmd\": \"sleep 1\"}]}"))
                .andExpect(status().isOk());
        assertThat(api.groups.root().app(PathId.of("/fresh/a"))).isPresent();
    }

    @Test
    void scaleByMultipliesEveryAppUnderTheGroupRoundingUp() throws Exception {
        product();
        api.mvc.perform(put("/v2/groups/product").content("{\"scaleBy\": 1.5}")).andExpect(status().isOk());
        assertThat(api.app("/product/database/pg").instances()).isEqualTo(2);
        assertThat(api.app("/product/service/web").instances()).isEqualTo(3);
    }

    @Test
    void aVersionRollsTheGroupBackAndWinsOverScaleBy() throws Exception {
        product();
        api.clock.advance(Duration.ofSeconds(1));
        api.mvc.perform(put("/v2/groups/product/service").content("{\"apps\": [{\"id\": \"web\", \"cmd\": \"sleep 2\"},"
                + " {\"id\": \"api\", \"cmd\": \"sleep 3\"}]}")).andExpect(status().isOk());
        api.deployer.finishAll();
        api.clock.advance(Duration.ofSeconds(1));
        api.mvc.perform(put("/v2/groups/product").content("{\"version\": \"" + T0 + "\", \"scaleBy\": 5}"))
                .andExpect(status().isOk());
        assertThat(api.app("/product/service/web").cmd()).isEqualTo("sleep 1");
        assertThat(api.app("/product/service/web").instances()).isEqualTo(2);
        assertThat(api.groups.root().app(PathId.of("/product/service/api"))).isEmpty();
        api.mvc.perform(put("/v2/groups/product").content("{\"version\": \"2020-01-01T00:00:00.000Z\"}"))
                .andExpect(status().isNotFound()).andExpect(content().string(
                        "{\"message\":\"Group '/product' does not exist in version 2020-01-01T00:00:00.000Z\"}"));
    }

    @Test
    void aDryRunAnswersThePlanAndDeploysNothing() throws Exception {
        product();
        api.mvc.perform(put("/v2/groups/product?dryRun=true").content("{\"scaleBy\": 2}"))
                .andExpect(status().isOk())
                .andExpect(content().string(JsonText.compact("""
                        {"steps":[{"actions":[{"action":"ScaleApplication","app":"/product/database/pg"},
                                              {"action":"ScaleApplication","app":"/product/service/web"}]}]}""")));
        assertThat(api.app("/product/database/pg").instances()).isEqualTo(1);
        assertThat(api.deployer.forces).hasSize(1);
    }

    @Test
    void deleteRemovesTheGroupWithEverythingUnderIt() throws Exception {
        product();
        api.givenApp("{\"id\": \"/solo\", \"cmd\": \"sleep 1\"}");
        api.mvc.perform(delete("/v2/groups/product")).andExpect(status().isOk())
                .andExpect(header().exists("Marathon-Deployment-Id"));
        assertThat(api.groups.root().apps()).containsOnlyKeys(PathId.of("/solo"));
        assertThat(api.groups.root().hasGroup(PathId.of("/product"))).isFalse();
        api.deployer.finishAll();
        api.mvc.perform(delete("/v2/groups")).andExpect(status().isOk());
        assertThat(api.groups.root().apps()).isEmpty();
    }

    @Test
    void patchChangesATopLevelGroupsEnforceRoleOnlyAndRestartsNothing() throws Exception {
        product();
        String appsBefore = String.valueOf(api.groups.root().apps());
        api.mvc.perform(patch("/v2/groups/product").content("{\"enforceRole\": \"true\"}"))
                .andExpect(status().isOk()).andExpect(header().exists("Marathon-Deployment-Id"));
        assertThat(api.groups.root().groups().get(PathId.of("/product")).enforceRole()).isEqualTo("true");
        assertThat(String.valueOf(api.groups.root().apps())).isEqualTo(appsBefore);
        assertThat(api.groups.root().groups().get(PathId.of("/product/service")).dependencies())
                .containsExactly(PathId.of("/product/database"));
    }

    @Test
    void patchRefusesNestedGroupsOtherFieldsAndUnknownGroups() throws Exception {
        product();
        api.mvc.perform(patch("/v2/groups/product/service").content("{\"enforceRole\": \"true\"}"))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.details[0].path").value("/id"))
                .andExpect(jsonPath("$.details[0].errors[0]").value(org.hamcrest.Matchers.containsString(
                        "only top-level groups")));
        api.mvc.perform(patch("/v2/groups/product").content("{\"apps\": []}"))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.details[0].errors[0]").value(org.hamcrest.Matchers.containsString(
                        "only enforceRole")));
        api.mvc.perform(patch("/v2/groups/nope").content("{\"enforceRole\": \"true\"}"))
                .andExpect(status().isNotFound())
                .andExpect(content().string("{\"message\":\"Group '/nope' does not exist\"}"));
        api.mvc.perform(patch("/v2/groups/product").content("{\"enforceRole\": "))
                .andExpect(status().isBadRequest());
    }
}
