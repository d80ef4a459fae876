package io.mpaas.master.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.mpaas.master.registry.QuotaConfig;
import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.MasterInfo;
import io.mpaas.protocol.mesos.TaskState;
import io.mpaas.protocol.mesos.master.MaintenanceSchedule;
import java.security.Principal;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The v0 endpoints that change the cluster: round trips, Mesos's refusals, and all-or-nothing changes. */
class ClusterSettingsControllerTest {

    private static final Principal OPS = () -> "ops";

    private final SampleCluster sample = new SampleCluster();
    private final OperatorHarness harness = new OperatorHarness(sample.fx);
    private final MockMvc mvc = harness.mvc();

    private static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, String body) {
        return request.principal(OPS).contentType(MediaType.APPLICATION_JSON).content(body);
    }

    private Map<String, Double> weights() {
        return sample.fx.cluster.locked(() -> sample.fx.cluster.weights());
    }

    private Map<String, QuotaConfig> quotas() {
        return sample.fx.cluster.locked(() -> sample.fx.cluster.quotas());
    }

    // Weights

    @Test
    void weightsGetListsTheConfiguredWeights() throws Exception {
        mvc.perform(get("/master/weights")).andExpect(status().isOk())
                .andExpect(content().string("[{\"weight\":2.0,\"role\":\"web\"}]"));
    }

    @Test
    void weightsPutStoresAppliesAndRescindsOffersOfRolesInUse() throws Exception {
        mvc.perform(json(put("/master/weights"), "[{\"role\":\"web\",\"weight\":3.5},{\"role\":\" batch \","
                + "\"weight\":0.5}]")).andExpect(status().isOk()).andExpect(content().string(""));
        assertThat(weights()).isEqualTo(Map.of("web", 3.5, "batch", 0.5));
        assertThat(harness.registry.load().weights()).isEqualTo(Map.of("web", 3.5, "batch", 0.5));
        assertThat(sample.fx.cluster.offers()).isEmpty();
        mvc.perform(get("/weights")).andExpect(content().string(
                "[{\"weight\":0.5,\"role\":\"batch\"},{\"weight\":3.5,\"role\":\"web\"}]"));
    }

    @Test
    void weightsWithABadEntryAreRefusedWhole() throws Exception {
        mvc.perform(json(put("/master/weights"), "[{\"role\":\"batch\",\"weight\":1},{\"role\":\"web\","
                + "\"weight\":-1}]"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string("Failed to validate update weights request JSON for role 'web': "
                        + "Invalid weight '-1': Weights must be positive"));
        mvc.perform(json(put("/master/weights"), "[{\"role\":\"a b\",\"weight\":1}]"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string("Failed to validate update weights request JSON: Invalid role 'a b': "
                        + "Role 'a b' must not contain whitespace, control characters or '\\'"));
        mvc.perform(json(put("/master/weights"), "[{\"role\":\"web\"}]"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string("Failed to validate update weights request JSON for role 'web': "
                        + "Expecting 'weight' to be present"));
        mvc.perform(json(put("/master/weights"), "{\"role\":\"web\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string("Failed to parse update weights request JSON '{\"role\":\"web\"}': "
                        + "expected a JSON array"));
        mvc.perform(json(put("/master/weights"), "[{\"role\":"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(org.hamcrest.Matchers.startsWith(
                        "Failed to parse update weights request JSON '[{\"role\":': ")));
        assertThat(weights()).isEqualTo(Map.of("web", 2.0));
        assertThat(harness.registry.load().weights()).isEmpty();
        assertThat(sample.fx.cluster.offers()).hasSize(1);
    }

    @Test
    void weightsRegistryFailureLeavesTheClusterAsItWas() throws Exception {
        harness.registry.failing = true;
        mvc.perform(json(put("/master/weights"), "[{\"role\":\"web\",\"weight\":3}]"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().string("Failed to store weights in the registry: database unavailable"));
        assertThat(weights()).isEqualTo(Map.of("web", 2.0));
        assertThat(sample.fx.cluster.offers()).hasSize(1);
    }

    @Test
    void weightChangesNeedAnOperator() throws Exception {
        mvc.perform(put("/master/weights").contentType(MediaType.APPLICATION_JSON).content("[]"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", "Basic realm=\"mesos\""))
                .andExpect(content().string("Authentication required"));
    }

    @Test
    void weightsAllowGetAndPutOnly() throws Exception {
        mvc.perform(delete("/master/weights").principal(OPS))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(header().string("Allow", "GET, PUT"))
                .andExpect(content().string(
                        "405 Method Not Allowed. Expecting one of { 'GET', 'PUT' }, but received 'DELETE'."));
    }

    // Quota

    @Test
    void quotaGetShowsConfigsAndTheLegacyInfos() throws Exception {
        mvc.perform(get("/master/quota")).andExpect(status().isOk()).andExpect(content().string(
                "{\"infos\":[{\"role\":\"web\",\"guarantee\":[{\"name\":\"cpus\",\"type\":\"SCALAR\","
                        + "\"scalar\":{\"value\":1.0}}]}],\"configs\":[{\"role\":\"web\","
                        + "\"guarantees\":{\"cpus\":{\"value\":1.0}},\"limits\":{\"cpus\":{\"value\":4.0}}}]}"));
    }

    @Test
    void quotaPostSetsAGuaranteeThatIsAlsoTheLimit() throws Exception {
        mvc.perform(json(post("/master/quota"), "{\"role\":\"batch\",\"guarantee\":[{\"name\":\"cpus\","
                + "\"type\":\"SCALAR\",\"scalar\":{\"value\":2}},{\"name\":\"mem\",\"type\":\"SCALAR\","
                + "\"scalar\":{\"value\":512}}]}")).andExpect(status().isOk());
        QuotaConfig batch = new QuotaConfig(Map.of("cpus", 2.0, "mem", 512.0), Map.of("cpus", 2.0, "mem", 512.0));
        assertThat(quotas()).containsEntry("batch", batch);
        assertThat(harness.registry.load().quotas()).containsEntry("batch", batch);
        assertThat(sample.fx.cluster.offers()).isEmpty();
    }

    @Test
    void quotaPostRefusesWithMesossMessages() throws Exception {
        expectRefusal("{\"role\":\"web\",\"guarantee\":[{\"name\":\"cpus\",\"type\":\"SCALAR\",\"scalar\":"
                + "{\"value\":1}}]}", 400, "Failed to validate set quota request: Cannot set quota for role 'web' "
                + "which already has quota");
        expectRefusal("{\"role\":\"batch\",\"guarantee\":[{\"name\":\"ports\",\"type\":\"RANGES\",\"ranges\":"
                + "{\"range\":[{\"begin\":1,\"end\":2}]}}]}", 400, "Failed to validate set quota request: "
                + "QuotaInfo must not include non-scalar resources");
        expectRefusal("{\"role\":\"batch\",\"guarantee\":[{\"name\":\"bogus\",\"type\":\"SCALAR\",\"scalar\":"
                + "{\"value\":1}}]}", 400, "Failed to validate set quota request: QuotaInfo contains unknown "
                + "resource 'bogus'");
        expectRefusal("{\"role\":\"batch\",\"guarantee\":[]}", 400,
                "Failed to validate set quota request: QuotaInfo with empty 'guarantee'");
        expectRefusal("{\"role\":\"-x\",\"guarantee\":[]}", 400, "Failed to validate set quota request: "
                + "QuotaInfo with invalid role: Role '-x' must not have a path component starting with '-'");
        expectRefusal("{\"role\":\"batch\",\"guarantee\":[{\"name\":\"cpus\",\"type\":\"SCALAR\",\"scalar\":"
                + "{\"value\":20}}]}", 409, "Quota guarantees overcommit the cluster (use 'force' to bypass this "
                + "check): Total quota guarantees 'cpus:21' exceed cluster capacity "
                + "'cpus:14; disk:150000; mem:23192'");
        assertThat(quotas()).containsOnlyKeys("web");
        mvc.perform(json(post("/master/quota"), "{\"force\":true,\"role\":\"batch\",\"guarantee\":[{\"name\":"
                + "\"cpus\",\"type\":\"SCALAR\",\"scalar\":{\"value\":20}}]}")).andExpect(status().isOk());
        assertThat(quotas()).containsKeys("web", "batch");
    }

    private void expectRefusal(String body, int status, String message) throws Exception {
        mvc.perform(json(post("/master/quota"), body)).andExpect(status().is(status))
                .andExpect(content().string(message));
    }

    @Test
    void quotaDeleteRemovesAQuota() throws Exception {
        mvc.perform(delete("/master/quota/web").principal(OPS)).andExpect(status().isOk());
        assertThat(quotas()).isEmpty();
        assertThat(harness.registry.load().quotas()).isEmpty();
        mvc.perform(delete("/master/quota/web").principal(OPS)).andExpect(status().isBadRequest())
                .andExpect(content().string("Failed to remove quota for path '/master/quota/web': "
                        + "Role 'web' has no quota set"));
        mvc.perform(delete("/master/quota/eng/web").principal(OPS)).andExpect(status().isBadRequest())
                .andExpect(content().string("Failed to remove quota for path '/master/quota/eng/web': "
                        + "Role 'eng/web' has no quota set"));
        mvc.perform(delete("/master/quota").principal(OPS)).andExpect(status().isBadRequest())
                .andExpect(content().string("Failed to parse remove quota request for path '/master/quota': "
                        + "expected 3 tokens, found 2 tokens"));
    }

    @Test
    void quotaAllowsGetPostAndDeleteOnly() throws Exception {
        mvc.perform(put("/master/quota").principal(OPS)).andExpect(status().isMethodNotAllowed())
                .andExpect(header().string("Allow", "GET, POST, DELETE"));
    }

    // Maintenance

    private static final String SCHEDULE = "{\"windows\":[{\"machine_ids\":[{\"hostname\":\"host1\"},"
            + "{\"ip\":\"10.0.1.9\"}],\"unavailability\":{\"start\":{\"nanoseconds\":1714600000000000000},"
            + "\"duration\":{\"nanoseconds\":3600000000000}}}]}";

    @Test
    void maintenanceRoundTripRescindsOffersOfMachinesInTheWindow() throws Exception {
        mvc.perform(get("/master/maintenance/schedule")).andExpect(content().string("{\"windows\":[]}"));
        mvc.perform(json(post("/master/maintenance/schedule"), SCHEDULE)).andExpect(status().isOk());
        mvc.perform(get("/maintenance/schedule")).andExpect(status().isOk())
                .andExpect(content().string(SCHEDULE));
        assertThat(harness.registry.load().maintenance().windows()).hasSize(1);
        assertThat(sample.fx.cluster.offers()).isEmpty();
    }

    @Test
    void maintenanceInvalidSchedulesAreRefusedWhole() throws Exception {
        refuse("{\"windows\":[{\"machine_ids\":[],\"unavailability\":{\"start\":{\"nanoseconds\":1}}}]}",
                "List of machines in the maintenance window is empty");
        refuse("{\"windows\":[{\"machine_ids\":[{\"hostname\":\"h\"}],\"unavailability\":{\"start\":"
                + "{\"nanoseconds\":1},\"duration\":{\"nanoseconds\":-1}}}]}", "Unavailability 'duration' is negative");
        refuse("{\"windows\":[{\"machine_ids\":[{}],\"unavailability\":{\"start\":{\"nanoseconds\":1}}}]}",
                "Both 'hostname' and 'ip' for a machine are empty");
        refuse("{\"windows\":[{\"machine_ids\":[{\"ip\":\"300.1.1.1\"}],\"unavailability\":{\"start\":"
                + "{\"nanoseconds\":1}}}]}", "Failed to parse IP '300.1.1.1': not an IPv4 address");
        refuse("{\"windows\":[{\"machine_ids\":[{\"hostname\":\"h\"}],\"unavailability\":{\"start\":"
                + "{\"nanoseconds\":1}}},{\"machine_ids\":[{\"hostname\":\"h\"}],\"unavailability\":{\"start\":"
                + "{\"nanoseconds\":2}}}]}", "Machine '{\"hostname\":\"h\"}' appears more than once in the schedule");
        refuse("{\"windows\":[{\"machine_ids\":[{\"hostname\":\"h\"}]}]}",
                "Expecting 'unavailability.start' to be present");
        assertThat(sample.fx.cluster.locked(() -> sample.fx.cluster.maintenance()))
                .isEqualTo(MaintenanceSchedule.EMPTY);
        assertThat(sample.fx.cluster.offers()).hasSize(1);
    }

    private void refuse(String body, String message) throws Exception {
        mvc.perform(json(post("/master/maintenance/schedule"), body)).andExpect(status().isBadRequest())
                .andExpect(content().string(message));
    }

    @Test
    void maintenanceMalformedJsonIsRefused() throws Exception {
        mvc.perform(json(post("/master/maintenance/schedule"), "{\"windows\":")).andExpect(status().isBadRequest())
                .andExpect(content().string(org.hamcrest.Matchers.startsWith("Failed to parse maintenance schedule: ")));
    }

    // Teardown

    private MockHttpServletRequestBuilder form(String body, Principal principal) {
        MockHttpServletRequestBuilder request = post("/master/teardown")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).content(body);
        return principal == null ? request : request.principal(principal);
    }

    @Test
    void teardownKillsTheFrameworksTasks() throws Exception {
        mvc.perform(form("frameworkId=m1-0000", OPS)).andExpect(status().isOk()).andExpect(content().string(""));
        assertThat(sample.fx.cluster.frameworks()).isEmpty();
        assertThat(sample.fx.cluster.completedFrameworks()).extracting(f -> f.id().value())
                .contains("m1-0000");
        assertThat(sample.fx.cluster.completedFrameworks().getLast().completedTasks())
                .extracting(t -> t.state()).contains(TaskState.TASK_KILLED);
    }

    @Test
    void teardownRefusals() throws Exception {
        mvc.perform(form("other=1", OPS)).andExpect(status().isBadRequest())
                .andExpect(content().string("Missing 'frameworkId' query parameter in the request body"));
        mvc.perform(form("frameworkId=nope", OPS)).andExpect(status().isBadRequest())
                .andExpect(content().string("No framework found with specified ID"));
        mvc.perform(form("frameworkId=m1-0000", null)).andExpect(status().isUnauthorized());
        mvc.perform(get("/master/teardown")).andExpect(status().isMethodNotAllowed())
                .andExpect(header().string("Allow", "POST"));
        assertThat(sample.fx.cluster.frameworks()).containsKey(FrameworkId.of("m1-0000"));
    }

    @Test
    void teardownAclsDecideWhoMayTearDownWhom() throws Exception {
        String acls = "{\"permissive\":false,\"teardown_frameworks\":[{\"principals\":{\"values\":[\"admin\"]},"
                + "\"framework_principals\":{\"type\":\"ANY\"}}]}";
        MockMvc strict = new OperatorHarness(sample.fx, acls, java.time.Duration.ofSeconds(5), 1000).mvc();
        strict.perform(form("frameworkId=m1-0000", OPS)).andExpect(status().isForbidden())
                .andExpect(content().string("Principal 'ops' is not authorized to tear down framework m1-0000 "
                        + "of principal 'marathon'"));
        strict.perform(form("frameworkId=m1-0000", () -> "admin")).andExpect(status().isOk());
    }

    @Test
    void aStandbyRedirectsChangesToTheLeader() throws Exception {
        ClusterFixture standby = new ClusterFixture()
                .standby(Optional.of(MasterInfo.of("m2", "leader.example", "10.0.0.2", 5050)));
        new OperatorHarness(standby).mvc().perform(json(put("/master/weights"), "[]"))
                .andExpect(status().isTemporaryRedirect())
                .andExpect(header().string("Location", "//leader.example:5050/master/weights"));
    }
}
