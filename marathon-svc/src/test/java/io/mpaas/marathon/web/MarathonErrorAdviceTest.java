package io.mpaas.marathon.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.mpaas.marathon.MarathonFailure;
import io.mpaas.marathon.fake.ApiHarness;
import io.mpaas.protocol.marathon.MarathonError.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

/** Every kind of refusal as Marathon's JSON error body, and the headers on every response. */
class MarathonErrorAdviceTest {

    private final ApiHarness api = new ApiHarness();

    private ResultActions expectJson(ResultActions result, int status, String json) throws Exception {
        return result.andExpect(status().is(status))
                .andExpect(header().string("Content-Type", "application/json"))
                .andExpect(content().string(io.mpaas.marathon.fake.JsonText.compact(json)));
    }

    @Test
    void malformedJsonIs400WithTheParserMessage() throws Exception {
        expectJson(api.mvc.perform(post("/v2/apps").contentType(MediaType.APPLICATION_JSON).content("{\"id\": ")),
                400, """
                {"message":"Invalid JSON","details":"Unexpected end-of-input within/between Object entries"}""");
    }

    @Test
    void anEmptyBodyIs400() throws Exception {
        expectJson(api.mvc.perform(post("/v2/apps")), 400, """
                {"message":"Invalid JSON","details":"No content to map due to end-of-input"}""");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"id\": 5, \"cmd\": \"x\"}                               | /id                       | error.expected.jsstring",
        "{\"id\": \"/a\", \"instances\": \"3\"}                     | /instances                | error.expected.jsnumber",
        "{\"id\": \"/a\", \"instances\": 1.5}                       | /instances                | error.expected.jsnumber",
        "{\"id\": \"/a\", \"requirePorts\": \"yes\"}                | /requirePorts             | error.expected.jsboolean",
        "{\"id\": \"/a\", \"args\": \"sleep\"}                      | /args                     | error.expected.jsarray",
        "{\"id\": \"/a\", \"env\": [1]}                             | /env                      | error.expected.jsobject",
        "{\"id\": \"/a\", \"healthChecks\": [{\"portIndex\": \"0\"}]} | /healthChecks(0)/portIndex | error.expected.jsnumber",
        "{\"id\": \"/a\", \"container\": {\"docker\": {\"image\": 7}}} | /container/docker/image  | error.expected.jsstring"
    })
    void aValueOfTheWrongTypeIs422WithItsMarathonPath(String body, String path, String error) throws Exception {
        expectJson(api.mvc.perform(post("/v2/apps").contentType(MediaType.APPLICATION_JSON).content(body)), 422,
                "{\"message\":\"Invalid JSON\",\"details\":[{\"path\":\"" + path + "\",\"errors\":[\"" + error
                        + "\"]}]}");
    }

    @Test
    void aBodyThatIsNotAnObjectIs422AtTheRoot() throws Exception {
        expectJson(api.mvc.perform(post("/v2/apps").content("[1, 2]")), 422, """
                {"message":"Invalid JSON","details":[{"path":"/","errors":["error.expected.jsobject"]}]}""");
    }

    @Test
    void anUnreachableStrategyThatIsNeitherObjectNorDisabledIs422() throws Exception {
        expectJson(api.mvc.perform(post("/v2/apps").content("{\"id\":\"/a\",\"unreachableStrategy\":\"never\"}")),
                422, """
                {"message":"Invalid JSON","details":[{"path":"/unreachableStrategy",
                 "errors":["unreachableStrategy must be an object or \\"disabled\\""]}]}""");
    }

    @Test
    void anUnknownRouteIs404Json() throws Exception {
        expectJson(api.mvc.perform(get("/v2/nothing")), 404, """
                {"message":"URI not found"}""");
    }

    @Test
    void anUnsupportedMethodIs405Json() throws Exception {
        expectJson(api.mvc.perform(patch("/v2/deployments")), 405, """
                {"message":"HTTP 405 Method Not Allowed"}""");
    }

    @Test
    void aQueryParameterOfTheWrongTypeIs400() throws Exception {
        expectJson(api.mvc.perform(delete("/v2/apps/a?force=maybe")), 400, """
                {"message":"Invalid value 'maybe' for query parameter 'force'"}""");
    }

    @ParameterizedTest
    @CsvSource({
        "BAD_REQUEST, 400", "NOT_FOUND, 404", "ALREADY_EXISTS, 409", "TOO_MANY_DEPLOYMENTS, 403", "UNAVAILABLE, 503"})
    void eachKindOfFailureHasItsStatusAndAMessage(MarathonFailure.Kind kind, int status) {
        var response = new MarathonErrorAdvice().refused(MarathonFailure.of(kind, "why"));
        assertThat(response.getStatusCode().value()).isEqualTo(status);
        assertThat(new String(response.getBody())).isEqualTo("{\"message\":\"why\"}");
        assertThat(MarathonErrorAdvice.status(kind)).isEqualTo(HttpStatus.valueOf(status));
    }

    @Test
    void anInvalidDefinitionIs422WithDetails() {
        var response = new MarathonErrorAdvice().refused(MarathonFailure.invalid(List.of(
                new Violation("/upgradeStrategy/minimumHealthCapacity", List.of("is greater than 1")))));
        assertThat(response.getStatusCode().value()).isEqualTo(422);
        assertThat(new String(response.getBody())).isEqualTo(io.mpaas.marathon.fake.JsonText.compact("""
                {"message":"Object is not valid","details":[{"path":"/upgradeStrategy/minimumHealthCapacity",
                 "errors":["is greater than 1"]}]}"""));
    }

    @Test
    void aLockedAppIs409WithTheDeployments() throws Exception {
        api.givenApp("{\"id\":\"/a\",\"cmd\":\"sleep 1\"}");
        api.mvc.perform(put("/v2/apps/a").content("{\"instances\": 2}")).andExpect(status().isOk());
        String running = api.deployer.running().getFirst().plan().id();
        expectJson(api.mvc.perform(put("/v2/apps/a").content("{\"instances\": 3}")), 409,
                "{\"message\":\"App is locked by one or more deployments. Override with the option '?force=true'. "
                        + "View details at '/v2/deployments/" + running + "'.\",\"deployments\":[{\"id\":\"" + running
                        + "\"}]}");
        api.mvc.perform(put("/v2/apps/a?force=true").content("{\"instances\": 3}")).andExpect(status().isOk());
        assertThat(api.app("/a").instances()).isEqualTo(3);
    }

    @Test
    void tooManyDeploymentsIs403() throws Exception {
        api.deployer.limitRunning(0);
        expectJson(api.mvc.perform(post("/v2/apps").content("{\"id\":\"/a\",\"cmd\":\"sleep 1\"}")), 403, """
                {"message":"Max deployments reached"}""");
    }

    @Test
    void whatNoHandlerNamesKeepsItsStatusOrIsA500() throws Exception {
        MarathonErrorAdvice advice = new MarathonErrorAdvice();
        var teapot = advice.unexpected(new org.springframework.web.server.ResponseStatusException(
                HttpStatus.I_AM_A_TEAPOT, "short and stout"));
        assertThat(teapot.getStatusCode().value()).isEqualTo(418);
        assertThat(new String(teapot.getBody())).isEqualTo("{\"message\":\"short and stout\"}");
        var bug = advice.unexpected(new IllegalStateException("broken"));
        assertThat(bug.getStatusCode().value()).isEqualTo(500);
        assertThat(new String(bug.getBody())).isEqualTo("{\"message\":\"broken\"}");
        var illegal = advice.illegalArgument(new IllegalArgumentException("bad argument"));
        assertThat(illegal.getStatusCode().value()).isEqualTo(422);
        assertThat(new String(illegal.getBody())).isEqualTo("{\"message\":\"bad argument\"}");
        assertThat(advice.unexpected(new java.io.IOException("Broken pipe"))).isNull();
        var denied = new org.springframework.security.access.AccessDeniedException("no");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> advice.unexpected(denied)).isSameAs(denied);
    }

    @Test
    void everyResponseForbidsCachingAndFraming() throws Exception {
        for (ResultActions result : List.of(api.mvc.perform(get("/v2/apps")), api.mvc.perform(get("/v2/nothing")),
                api.mvc.perform(get("/ping")))) {
            result.andExpect(header().string("Cache-Control", "no-cache, no-store, must-revalidate"))
                    .andExpect(header().string("Pragma", "no-cache"))
                    .andExpect(header().string("Expires", "0"))
                    .andExpect(header().string("X-Frame-Options", "DENY"))
                    .andExpect(header().string("X-XSS-Protection", "1; mode=block"));
        }
    }

    @Test
    void aGetWithAJsonContentTypeAndNoAcceptIsServedAsJson() throws Exception {
        expectJson(api.mvc.perform(get("/v2/apps").contentType(MediaType.APPLICATION_JSON)), 200, """
                {"apps":[]}""");
        expectJson(api.mvc.perform(get("/v2/apps").accept(MediaType.TEXT_HTML)), 200, """
                {"apps":[]}""");
    }

    @Test
    void aPrettyPrintedBodyWithoutContentTypeIsRead() throws Exception {
        api.mvc.perform(post("/v2/apps").content("""
                {
                  "id" : "/pretty",
                  "cmd" : "sleep 1"
                }
                """)).andExpect(status().isCreated());
        assertThat(api.app("/pretty").cmd()).isEqualTo("sleep 1");
    }
}
