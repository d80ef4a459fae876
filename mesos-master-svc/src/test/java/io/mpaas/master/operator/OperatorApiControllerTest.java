package io.mpaas.master.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.mpaas.master.cluster.Agent;
import io.mpaas.master.cluster.MasterTask;
import io.mpaas.master.registry.QuotaConfig;
import io.mpaas.master.registry.Registry;
import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.MasterInfo;
import io.mpaas.protocol.mesos.MesosJson;
import io.mpaas.protocol.mesos.TaskState;
import java.security.Principal;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;

/** {@code POST /api/v1}: the read calls' v1 shapes, the changes, and every refusal in Mesos's order. */
class OperatorApiControllerTest {

    private static final Principal OPS = () -> "ops";

    private final SampleCluster sample = new SampleCluster();
    private final OperatorHarness harness = new OperatorHarness(sample.fx);
    private final MockMvc mvc = harness.mvc();

    private ResultActions call(String body) throws Exception {
        return mvc.perform(post("/api/v1").contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private ResultActions change(String body) throws Exception {
        return mvc.perform(post("/api/v1").principal(OPS).contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private String answer(String type) throws Exception {
        return call("{\"type\":\"" + type + "\"}").andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/json"))
                .andReturn().getResponse().getContentAsString();
    }

    @Test
    void getStateHasTheV1Shape() throws Exception {
        assertThat(answer("GET_STATE")).isEqualTo(JsonText.golden("get-state.json"));
    }

    @Test
    void theParts() throws Exception {
        JsonNode agents = MesosJson.read(answer("GET_AGENTS"), JsonNode.class);
        assertThat(agents.get("type").asString()).isEqualTo("GET_AGENTS");
        assertThat(agents.at("/get_agents/agents")).hasSize(2);
        assertThat(agents.at("/get_agents/agents/0/agent_info/id/value").asString()).isEqualTo("m1-S0");
        assertThat(agents.at("/get_agents/recovered_agents/0/hostname").asString()).isEqualTo("host3");
        JsonNode frameworks = MesosJson.read(answer("GET_FRAMEWORKS"), JsonNode.class);
        assertThat(frameworks.at("/get_frameworks/frameworks/0/offers/0/url/address/ip").asString())
                .isEqualTo("10.0.1.1");
        assertThat(frameworks.at("/get_frameworks/completed_frameworks/0/framework_info/name").asString())
                .isEqualTo("old");
        JsonNode tasks = MesosJson.read(answer("GET_TASKS"), JsonNode.class);
        assertThat(tasks.at("/get_tasks/tasks/0/task_id/value").asString()).isEqualTo("t1");
        assertThat(tasks.at("/get_tasks/unreachable_tasks/0/task_id/value").asString()).isEqualTo("t2");
        assertThat(tasks.at("/get_tasks/completed_tasks/0/task_id/value").asString()).isEqualTo("t3");
        JsonNode executors = MesosJson.read(answer("GET_EXECUTORS"), JsonNode.class);
        assertThat(executors.at("/get_executors/executors/0/agent_id/value").asString()).isEqualTo("m1-S0");
        assertThat(answer("GET_EXECUTORS")).doesNotContain("leaked");
        assertThat(answer("GET_OPERATIONS")).isEqualTo("{\"type\":\"GET_OPERATIONS\",\"get_operations\":"
                + "{\"operations\":[]}}");
    }

    @Test
    void smallAnswers() throws Exception {
        assertThat(answer("GET_HEALTH")).isEqualTo("{\"type\":\"GET_HEALTH\",\"get_health\":{\"healthy\":true}}");
        assertThat(answer("GET_VERSION")).isEqualTo("{\"type\":\"GET_VERSION\",\"get_version\":{\"version_info\":"
                + "{\"version\":\"1.11.0\",\"build_date\":\"2024-04-30 12:00:00\",\"build_time\":1.7144784E9,"
                + "\"build_user\":\"builder\"}}}");
        assertThat(answer("GET_WEIGHTS")).isEqualTo("{\"type\":\"GET_WEIGHTS\",\"get_weights\":{\"weight_infos\":"
                + "[{\"weight\":2.0,\"role\":\"web\"}]}}");
        assertThat(answer("GET_QUOTA")).isEqualTo("{\"type\":\"GET_QUOTA\",\"get_quota\":{\"status\":{\"infos\":"
                + "[{\"role\":\"web\",\"guarantee\":[{\"name\":\"cpus\",\"type\":\"SCALAR\",\"scalar\":{\"value\":1.0}}]}],"
                + "\"configs\":[{\"role\":\"web\",\"guarantees\":{\"cpus\":{\"value\":1.0}},"
                + "\"limits\":{\"cpus\":{\"value\":4.0}}}]}}}");
        assertThat(answer("GET_MAINTENANCE_SCHEDULE")).isEqualTo("{\"type\":\"GET_MAINTENANCE_SCHEDULE\","
                + "\"get_maintenance_schedule\":{\"schedule\":{\"windows\":[]}}}");
        assertThat(answer("GET_MAINTENANCE_STATUS")).isEqualTo("{\"type\":\"GET_MAINTENANCE_STATUS\","
                + "\"get_maintenance_status\":{\"status\":{\"draining_machines\":[],\"down_machines\":[]}}}");
        JsonNode master = MesosJson.read(answer("GET_MASTER"), JsonNode.class);
        assertThat(master.at("/get_master/master_info/id").asString()).isEqualTo("m1");
        assertThat(master.at("/get_master/start_time").asDouble()).isEqualTo(1714557600.0);
        assertThat(master.at("/get_master/elected_time").asDouble()).isEqualTo(1714557601.25);
        JsonNode roles = MesosJson.read(answer("GET_ROLES"), JsonNode.class);
        assertThat(roles.at("/get_roles/roles/0/name").asString()).isEqualTo("web");
        assertThat(roles.at("/get_roles/roles/0/weight").asDouble()).isEqualTo(2.0);
        assertThat(roles.at("/get_roles/roles/0/frameworks/0/value").asString()).isEqualTo("m1-0000");
        String flags = answer("GET_FLAGS");
        assertThat(flags).contains("{\"name\":\"allocation_interval\",\"value\":\"1secs\"}")
                .doesNotContain("s3cret", "hunter2", "dbsecret");
    }

    @Test
    void metricsByName() throws Exception {
        JsonNode metrics = MesosJson.read(call("{\"type\":\"GET_METRICS\",\"get_metrics\":{}}")
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(), JsonNode.class);
        Map<String, Double> byName = new java.util.HashMap<>();
        metrics.at("/get_metrics/metrics").forEach(m -> byName.put(m.get("name").asString(), m.get("value").asDouble()));
        assertThat(byName).containsEntry("master/elected", 1.0).containsEntry("master/tasks_running", 1.0)
                .containsEntry("master/cpus_total", 14.0);
    }

    @Test
    void changesAreAppliedAndAnswerEmpty() throws Exception {
        change("{\"type\":\"UPDATE_WEIGHTS\",\"update_weights\":{\"weight_infos\":[{\"role\":\"web\",\"weight\":4}]}}")
                .andExpect(status().isOk()).andExpect(content().string(""));
        assertThat(sample.fx.cluster.weights()).isEqualTo(Map.of("web", 4.0));
        change("{\"type\":\"UPDATE_QUOTA\",\"update_quota\":{\"quota_configs\":[{\"role\":\"batch\","
                + "\"guarantees\":{\"cpus\":{\"value\":1}},\"limits\":{\"cpus\":{\"value\":2},\"mem\":{\"value\":512}}},"
                + "{\"role\":\"web\"}]}}").andExpect(status().isOk());
        assertThat(sample.fx.cluster.quotas()).isEqualTo(Map.of("batch",
                new QuotaConfig(Map.of("cpus", 1.0), Map.of("cpus", 2.0, "mem", 512.0))));
        assertThat(harness.registry.load().quotas()).isEqualTo(sample.fx.cluster.quotas());
        change("{\"type\":\"UPDATE_MAINTENANCE_SCHEDULE\",\"update_maintenance_schedule\":{\"schedule\":{\"windows\":"
                + "[{\"machine_ids\":[{\"hostname\":\"host2\"}],\"unavailability\":{\"start\":{\"nanoseconds\":5}}}]}}}")
                .andExpect(status().isOk());
        assertThat(sample.fx.cluster.maintenance().windows()).hasSize(1);
        change("{\"type\":\"TEARDOWN\",\"teardown\":{\"framework_id\":{\"value\":\"m1-0000\"}}}")
                .andExpect(status().isOk());
        assertThat(sample.fx.cluster.frameworks()).isEmpty();
    }

    @Test
    void quotaChangesAreCheckedWhole() throws Exception {
        refuseQuota("{\"role\":\"batch\",\"limits\":{\"ports\":{\"value\":10}}}", "Invalid QuotaConfig: Invalid "
                + "'QuotaConfig.limits': 'ports' is not a scalar resource; quota applies to scalar resources only");
        refuseQuota("{\"role\":\"batch\",\"guarantees\":{\"cpu\":{\"value\":1}}}",
                "Invalid QuotaConfig: Invalid 'QuotaConfig.guarantees': unknown resource 'cpu'");
        refuseQuota("{\"role\":\"batch\",\"guarantees\":{\"cpus\":{\"value\":-1}}}",
                "Invalid QuotaConfig: Invalid guarantee configuration {'cpus': -1}: Negative values not supported");
        refuseQuota("{\"role\":\"batch\",\"guarantees\":{\"cpus\":{\"value\":3}},\"limits\":{\"cpus\":{\"value\":2}}}",
                "Invalid QuotaConfig: 'QuotaConfig.guarantees' cpus:3 is not contained within the "
                        + "'QuotaConfig.limits' cpus:2");
        refuseQuota("{\"role\":\"web\",\"limits\":{\"cpus\":{\"value\":1}}}", "Invalid QuotaConfig: Role 'web' is "
                + "already consuming 'cpus:2; mem:128'; this is more than the requested limits 'cpus:1' (use 'force' "
                + "flag to bypass this check)");
        refuseQuota("{\"role\":\"batch\",\"guarantees\":{\"mem\":{\"value\":99999}}}", "Invalid QuotaConfig: total "
                + "quota guarantees 'cpus:1; mem:99999' exceed cluster capacity 'cpus:14; disk:150000; mem:23192' "
                + "(use 'force' flag to bypass this check)");
        refuseQuota("{\"role\":\"eng/web\"}", "Updating quota on nested role 'eng/web' is not supported yet");
        refuseQuota("{\"guarantees\":{}}", "Invalid QuotaConfig: 'QuotaConfig.role' must be set");
        assertThat(sample.fx.cluster.quotas()).containsOnlyKeys("web");
        change("{\"type\":\"UPDATE_QUOTA\",\"update_quota\":{\"force\":true,\"quota_configs\":[{\"role\":\"web\","
                + "\"limits\":{\"cpus\":{\"value\":1}}}]}}").andExpect(status().isOk());
        assertThat(sample.fx.cluster.quotas().get("web").limit()).isEqualTo(Map.of("cpus", 1.0));
    }

    private void refuseQuota(String config, String message) throws Exception {
        // A valid config first: the bad one after it must stop both.
        change("{\"type\":\"UPDATE_QUOTA\",\"update_quota\":{\"quota_configs\":[{\"role\":\"ok\",\"guarantees\":"
                + "{\"cpus\":{\"value\":0}}}," + config + "]}}")
                .andExpect(status().isBadRequest()).andExpect(content().string(message));
    }

    @Test
    void aQuotaWrittenHalfIsUndone() throws Exception {
        harness.registry.failingWrite = 1;
        change("{\"type\":\"UPDATE_QUOTA\",\"update_quota\":{\"quota_configs\":[{\"role\":\"a\",\"guarantees\":"
                + "{\"cpus\":{\"value\":1}}},{\"role\":\"b\",\"guarantees\":{\"cpus\":{\"value\":1}}}]}}")
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().string("Failed to store the quota of role 'b' in the registry: "
                        + "database unavailable"));
        assertThat(harness.registry.load().quotas()).isEmpty();
        assertThat(sample.fx.cluster.quotas()).containsOnlyKeys("web");
    }

    @Test
    void markAgentGoneEndsItsTasksAndKeepsItOut() throws Exception {
        change("{\"type\":\"MARK_AGENT_GONE\",\"mark_agent_gone\":{\"agent_id\":{\"value\":\"m1-S0\"}}}")
                .andExpect(status().isOk()).andExpect(content().string(""));
        Agent gone = sample.fx.cluster.agents().get(AgentId.of("m1-S0"));
        assertThat(gone.status()).isEqualTo(Agent.Status.GONE);
        assertThat(gone.tasks()).isEmpty();
        assertThat(sample.f1.tasks()).isEmpty();
        assertThat(sample.f1.completedTasks()).extracting(MasterTask::state)
                .contains(TaskState.TASK_GONE_BY_OPERATOR);
        assertThat(sample.fx.cluster.offers()).isEmpty();
        assertThat(harness.registry.load().agents()).isEmpty(); // never admitted here; markGone only updates
        // Unreachable agents too: their unreachable tasks end.
        change("{\"type\":\"MARK_AGENT_GONE\",\"mark_agent_gone\":{\"agent_id\":{\"value\":\"m1-S1\"}}}")
                .andExpect(status().isOk());
        assertThat(sample.f1.unreachableTasks()).isEmpty();
        // Again: nothing to do. Unknown: 404.
        change("{\"type\":\"MARK_AGENT_GONE\",\"mark_agent_gone\":{\"agent_id\":{\"value\":\"m1-S0\"}}}")
                .andExpect(status().isOk());
        change("{\"type\":\"MARK_AGENT_GONE\",\"mark_agent_gone\":{\"agent_id\":{\"value\":\"nope\"}}}")
                .andExpect(status().isNotFound()).andExpect(content().string("Agent 'nope' not found"));
    }

    @Test
    void markAgentGoneIsDurable() throws Exception {
        harness.registry.stored.admit(sample.a1.info(), ClusterFixture.STARTED);
        change("{\"type\":\"MARK_AGENT_GONE\",\"mark_agent_gone\":{\"agent_id\":{\"value\":\"m1-S0\"}}}")
                .andExpect(status().isOk());
        assertThat(harness.registry.load().agents()).extracting(Registry.AdmittedAgent::standing)
                .containsExactly(Registry.AgentStanding.GONE);
    }

    @Test
    void refusalsInMesossOrder() throws Exception {
        mvc.perform(get("/api/v1")).andExpect(status().isMethodNotAllowed())
                .andExpect(header().string("Allow", "POST"))
                .andExpect(content().string("405 Method Not Allowed. Expecting one of { 'POST' }, but received 'GET'."));
        mvc.perform(post("/api/v1").content("{}")).andExpect(status().isBadRequest())
                .andExpect(content().string("Expecting 'Content-Type' to be present"));
        mvc.perform(post("/api/v1").contentType(MediaType.TEXT_PLAIN).content("x"))
                .andExpect(status().isUnsupportedMediaType());
        call("{\"type\":").andExpect(status().isBadRequest())
                .andExpect(content().string(org.hamcrest.Matchers.startsWith("Failed to parse body into Call: ")));
        call("{\"type\":\"GET_EVERYTHING\"}").andExpect(status().isBadRequest())
                .andExpect(content().string("Failed to validate master::Call: Unknown call type 'GET_EVERYTHING'"));
        call("{}").andExpect(status().isBadRequest())
                .andExpect(content().string("Failed to validate master::Call: Expecting 'type' to be present"));
        call("{\"type\":\"GET_METRICS\"}").andExpect(status().isBadRequest())
                .andExpect(content().string("Failed to validate master::Call: Expecting 'get_metrics' to be present"));
        change("{\"type\":\"TEARDOWN\",\"teardown\":{}}").andExpect(status().isBadRequest())
                .andExpect(content().string("Failed to validate master::Call: Expecting 'teardown.framework_id' to be "
                        + "present"));
        mvc.perform(post("/api/v1").contentType(MediaType.APPLICATION_JSON).accept("application/x-protobuf")
                .content("{\"type\":\"GET_HEALTH\"}")).andExpect(status().isNotAcceptable())
                .andExpect(content().string("Expecting 'Accept' to allow 'application/json'"));
        call("{\"type\":\"RESERVE_RESOURCES\"}").andExpect(status().is(501))
                .andExpect(content().string("Call type RESERVE_RESOURCES is not implemented by this master"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"type\":\"UPDATE_WEIGHTS\",\"update_weights\":{}}",
        "{\"type\":\"TEARDOWN\",\"teardown\":{\"framework_id\":{\"value\":\"m1-0000\"}}}",
        "{\"type\":\"MARK_AGENT_GONE\",\"mark_agent_gone\":{\"agent_id\":{\"value\":\"m1-S0\"}}}",
        "{\"type\":\"UPDATE_QUOTA\",\"update_quota\":{}}",
        "{\"type\":\"UPDATE_MAINTENANCE_SCHEDULE\",\"update_maintenance_schedule\":{\"schedule\":{}}}"})
    void changesNeedAnAuthenticatedOperator(String body) throws Exception {
        call(body).andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", "Basic realm=\"mesos\""))
                .andExpect(content().string("Authentication required"));
        assertThat(sample.fx.cluster.frameworks()).hasSize(1);
        assertThat(sample.a1.status()).isEqualTo(Agent.Status.ACTIVE);
    }

    @Test
    void theMasterPathAndAStandby() throws Exception {
        mvc.perform(post("/master/api/v1").contentType(MediaType.APPLICATION_JSON).content("{\"type\":\"GET_HEALTH\"}"))
                .andExpect(status().isOk());
        MockMvc standby = new OperatorHarness(new ClusterFixture()
                .standby(Optional.of(MasterInfo.of("m2", "leader.example", "10.0.0.2", 5050)))).mvc();
        standby.perform(post("/api/v1").contentType(MediaType.APPLICATION_JSON).content("{\"type\":\"GET_STATE\"}"))
                .andExpect(status().isTemporaryRedirect())
                .andExpect(header().string("Location", "//leader.example:5050/api/v1"));
        MockMvc alone = new OperatorHarness(new ClusterFixture().standby(Optional.empty())).mvc();
        alone.perform(post("/api/v1").contentType(MediaType.APPLICATION_JSON).content("{\"type\":\"GET_STATE\"}"))
                .andExpect(status().isServiceUnavailable()).andExpect(content().string("No leader elected"));
    }
}
