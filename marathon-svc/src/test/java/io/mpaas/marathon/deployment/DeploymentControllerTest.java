package io.mpaas.marathon.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.mpaas.marathon.fake.ApiHarness;
import io.mpaas.marathon.fake.FakeDeployer;
import io.mpaas.marathon.fake.JsonText;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code /v2/deployments}: the bare array with progress, and both ways of cancelling. */
class DeploymentControllerTest {

    private final ApiHarness api = new ApiHarness();

    @Test
    void noDeploymentsIsAnEmptyArray() throws Exception {
        api.mvc.perform(get("/v2/deployments")).andExpect(status().isOk()).andExpect(content().string("[]"));
    }

    @Test
    void runningDeploymentsWithTheirCurrentStep() throws Exception {
        api.givenApp("{\"id\": \"/a\", \"cmd\": \"sleep 1\"}");
        api.mvc.perform(put("/v2/apps").content("[{\"id\": \"/a\", \"instances\": 2}, {\"id\": \"/b\", "
                + "\"cmd\": \"sleep 1\"}]")).andExpect(status().isOk());
        api.deployer.advance(FakeDeployer.id(2), 1, null);
        api.mvc.perform(get("/v2/deployments")).andExpect(status().isOk()).andExpect(content().string(JsonText.compact(
                """
                [{"id":"00000000-0000-0000-0000-000000000002","version":"2024-05-01T10:00:00.001Z",
                  "affectedApps":["/a","/b"],"affectedPods":[],
                  "steps":[{"actions":[{"action":"StartApplication","app":"/b"}]},
                           {"actions":[{"action":"ScaleApplication","app":"/a"},
                                       {"action":"ScaleApplication","app":"/b"}]}],
                  "currentActions":[{"action":"ScaleApplication","app":"/a","readinessCheckResults":[]},
                                    {"action":"ScaleApplication","app":"/b","readinessCheckResults":[]}],
                  "currentStep":2,"totalSteps":2}]""")));
    }

    @Test
    void aStuckDeploymentSaysWhyItWaits() throws Exception {
        api.mvc.perform(put("/v2/apps/a").content("{\"cmd\": \"sleep 1\"}")).andExpect(status().isCreated());
        api.deployer.advance(FakeDeployer.id(1), 1, "no offer fits /a: InsufficientCpus");
        api.mvc.perform(get("/v2/deployments")).andExpect(status().isOk()).andExpect(content().string(JsonText.compact(
                """
                [{"id":"00000000-0000-0000-0000-000000000001","version":"2024-05-01T10:00:00.000Z",
                  "affectedApps":["/a"],"affectedPods":[],
                  "steps":[{"actions":[{"action":"StartApplication","app":"/a"}]},
                           {"actions":[{"action":"ScaleApplication","app":"/a"}]}],
                  "currentActions":[{"action":"ScaleApplication","app":"/a","readinessCheckResults":[]}],
                  "currentStep":2,"totalSteps":2,"waiting":"no offer fits /a: InsufficientCpus"}]""")));
    }

    @Test
    void cancellingWithoutForceDeploysTheRollback() throws Exception {
        api.givenApp("{\"id\": \"/a\", \"cmd\": \"sleep 1\"}");
        api.clock.advance(Duration.ofSeconds(1));
        api.mvc.perform(put("/v2/apps/a").content("{\"instances\": 5}")).andExpect(status().isOk());
        api.clock.advance(Duration.ofSeconds(1));
        api.mvc.perform(delete("/v2/deployments/" + FakeDeployer.id(2))).andExpect(status().isOk())
                .andExpect(header().string("Marathon-Deployment-Id", FakeDeployer.id(3)))
                .andExpect(content().string("{\"version\":\"2024-05-01T10:00:02.000Z\",\"deploymentId\":\""
                        + FakeDeployer.id(3) + "\"}"));
        assertThat(api.app("/a").instances()).isEqualTo(1);
        assertThat(api.deployer.running()).extracting(s -> s.plan().id()).containsExactly(FakeDeployer.id(3));
    }

    @Test
    void cancellingWithForceOnlyStopsIt() throws Exception {
        api.givenApp("{\"id\": \"/a\", \"cmd\": \"sleep 1\"}");
        api.mvc.perform(put("/v2/apps/a").content("{\"instances\": 5}")).andExpect(status().isOk());
        api.mvc.perform(delete("/v2/deployments/" + FakeDeployer.id(2) + "?force=true"))
                .andExpect(status().isAccepted()).andExpect(content().string(""));
        assertThat(api.app("/a").instances()).isEqualTo(5);
        assertThat(api.deployer.running()).isEmpty();
    }

    @Test
    void anUnknownDeploymentIs404() throws Exception {
        api.mvc.perform(delete("/v2/deployments/nope")).andExpect(status().isNotFound())
                .andExpect(content().string("{\"message\":\"DeploymentPlan nope does not exist\"}"));
    }
}
