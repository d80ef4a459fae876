package io.mpaas.marathon.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.fake.ApiHarness;
import io.mpaas.marathon.instance.Condition;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockHttpServletRequest;

/** Marathon's three spellings of an app id reach the same app on every app route. */
class IdPathRoutingTest {

    private final ApiHarness api = new ApiHarness();

    @BeforeEach
    void deployApp() {
        api.givenApp("""
                {"id": "/group/app", "cmd": "sleep 100", "instances": 1}""");
        api.instances.launched(PathId.of("/group/app"), api.versionOf("/group/app"), 1, Condition.RUNNING, "host-1",
                List.of(31000), List.of(10000));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v2/apps/group/app", "/v2/apps//group/app", "/v2/apps/%2Fgroup%2Fapp",
            "/v2/apps/%2fgroup%2fapp", "/v2/apps/group%2Fapp", "/v2/apps///group//app"})
    void everySpellingReachesTheApp(String path) throws Exception {
        api.mvc.perform(get(URI.create(path))).andExpect(status().isOk())
                .andExpect(jsonPath("$.app.id").value("/group/app"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v2/apps/group/app/tasks", "/v2/apps//group/app/tasks", "/v2/apps/%2Fgroup%2Fapp/tasks"})
    void everySpellingReachesTheTasks(String path) throws Exception {
        api.mvc.perform(get(URI.create(path))).andExpect(status().isOk())
                .andExpect(jsonPath("$.tasks[0].id").value("group_app.instance-1._app.1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v2/apps/group/app/versions", "/v2/apps//group/app/versions",
            "/v2/apps/%2Fgroup%2Fapp/versions"})
    void everySpellingReachesTheVersions(String path) throws Exception {
        api.mvc.perform(get(URI.create(path))).andExpect(status().isOk())
                .andExpect(jsonPath("$.versions[0]").value(api.app("/group/app").version()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v2/apps/group/app", "/v2/apps//group/app", "/v2/apps/%2Fgroup%2Fapp"})
    void everySpellingChangesTheApp(String path) throws Exception {
        api.mvc.perform(put(URI.create(path)).content("{\"instances\": 3}")).andExpect(status().isOk());
        assertThat(api.app("/group/app").instances()).isEqualTo(3);
        api.deployer.finishAll();
        api.mvc.perform(post(URI.create(path + "/restart"))).andExpect(status().isOk());
        api.deployer.finishAll();
        api.mvc.perform(delete(URI.create(path))).andExpect(status().isOk());
        assertThat(api.groups.root().apps()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v2/apps/group/app/tasks/group_app.instance-1._app.1",
            "/v2/apps//group/app/tasks/group_app.instance-1._app.1",
            "/v2/apps/%2Fgroup%2Fapp/tasks/group_app.instance-1._app.1"})
    void everySpellingReachesOneTask(String path) throws Exception {
        api.mvc.perform(delete(URI.create(path))).andExpect(status().isOk())
                .andExpect(jsonPath("$.task.id").value("group_app.instance-1._app.1"));
    }

    @Test
    void aStarAfterAGroupListsItsApps() throws Exception {
        api.mvc.perform(get(URI.create("/v2/apps/group/*"))).andExpect(status().isOk())
                .andExpect(jsonPath("$['*'][0].id").value("/group/app"));
        api.mvc.perform(get(URI.create("/v2/apps/%2Fgroup/*"))).andExpect(status().isOk())
                .andExpect(jsonPath("$['*'][0].id").value("/group/app"));
    }

    @Test
    void theConditionDecodesTheRawPathWithoutTheNormalizer() {
        IdPathCondition tasks = new IdPathCondition("/v2/apps", "tasks/{taskId}");
        MockHttpServletRequest request = new MockHttpServletRequest("DELETE", "/v2/apps/%2Fa%2Fb//tasks/t.1");
        assertThat(tasks.getMatchingCondition(request).variables())
                .isEqualTo(Map.of("id", "/a/b", "taskId", "t.1"));
        assertThat(tasks.getMatchingCondition(new MockHttpServletRequest("DELETE", "/v2/apps/a/b"))).isNull();
        assertThat(tasks.getMatchingCondition(new MockHttpServletRequest("DELETE", "/v2/appsx/a/tasks/t"))).isNull();
        IdPathCondition app = new IdPathCondition("/v2/apps", "");
        assertThat(app.getMatchingCondition(new MockHttpServletRequest("GET", "/v2/apps")).variables())
                .isEqualTo(Map.of("id", "/"));
        assertThat(app.getMatchingCondition(new MockHttpServletRequest("GET", "/v2/apps/a;jsessionid=1/b")).variables())
                .isEqualTo(Map.of("id", "/a/b"));
    }

    @Test
    void theLongerTailIsTheMoreSpecific() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/v2/apps/a/tasks/t");
        IdPathCondition app = new IdPathCondition("/v2/apps", "").getMatchingCondition(request);
        IdPathCondition task = new IdPathCondition("/v2/apps", "tasks/{taskId}").getMatchingCondition(request);
        assertThat(task.compareTo(app, request)).isNegative();
        assertThat(app.compareTo(task, request)).isPositive();
    }

    @Test
    void theNormalizerMakesOneSlashOfDoubledAndEncodedOnes() {
        assertThat(RequestPathNormalizer.normalize("/v2/apps//a/b")).isEqualTo("/v2/apps/a/b");
        assertThat(RequestPathNormalizer.normalize("/v2/apps/%2Fa%2fb")).isEqualTo("/v2/apps/a/b");
        assertThat(RequestPathNormalizer.normalize("/v2/apps/a%252Fb")).isEqualTo("/v2/apps/a%252Fb");
        assertThat(RequestPathNormalizer.normalize(null)).isNull();
    }
}
