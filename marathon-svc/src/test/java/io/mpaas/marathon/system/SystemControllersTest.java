package io.mpaas.marathon.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import io.mpaas.marathon.fake.ApiHarness;
import io.mpaas.marathon.fake.FakeFrameworkStatus;
import io.mpaas.marathon.fake.JsonText;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code /v2/info}, {@code /v2/leader}, {@code /ping} and {@code /metrics}. */
class SystemControllersTest {

    private final ApiHarness api = new ApiHarness();

    @Test
    void infoShowsIdentityLeadershipAndMarathonsFlags() throws Exception {
        api.environment.setProperty("server.port", "8080");
        api.environment.setProperty("marathon.zk.timeout", "15s");
        api.environment.setProperty("marathon.mesos.user", "marathon");
        api.environment.setProperty("marathon.features", "vips,gpu_resources");
        String body = api.mvc.perform(get("/v2/info")).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat(JsonText.tree(body)).isEqualTo(JsonText.tree("""
                {"name":"marathon","version":"1.10.0","buildref":"unknown","elected":true,
                 "leader":"marathon-1.example.com:8080","frameworkId":"20240501-100000-1-0000",
                 "marathon_config":{"master":"master-1.example.com:5050","framework_name":"marathon",
                   "failover_timeout":604800,"checkpoint":true,"executor":"//cmd","ha":true,
                   "hostname":"marathon-1.example.com","local_port_min":10000,"local_port_max":20000,
                   "max_instances_per_offer":5,"max_running_deployments":100,"mesos_user":"marathon",
                   "task_launch_timeout":300000,"task_reservation_timeout":20000,
                   "reconciliation_initial_delay":15000,"reconciliation_interval":600000,
                   "decline_offer_duration":120000,"launch_token":100,"launch_token_refresh_interval":30000,
                   "features":["vips","gpu_resources"]},
                 "zookeeper_config":{"zk":"zk://localhost:2181/marathon","zk_timeout":15000,
                   "zk_connection_timeout":10000,"zk_session_timeout":10000,"zk_max_versions":50,
                   "zk_compression":true,"zk_compression_threshold":65536,"zk_max_node_size":1024000},
                 "http_config":{"http_port":8080,"https_port":8443}}"""));
    }

    @Test
    void infoOfAnUnregisteredFollower() throws Exception {
        ApiHarness follower = new ApiHarness(new FakeFrameworkStatus(null, null));
        follower.leadership.follow("marathon-2.example.com:8080");
        follower.environment.setProperty("marathon.mesos.master", "zk://zk-1:2181/mesos");
        JsonNode info = JsonText.tree(follower.mvc.perform(get("/v2/info")).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString());
        assertThat(info.get("elected").asBoolean()).isFalse();
        assertThat(info.get("leader").asString()).isEqualTo("marathon-2.example.com:8080");
        assertThat(info.has("frameworkId")).isFalse();
        assertThat(info.get("marathon_config").get("master").asString()).isEqualTo("zk://zk-1:2181/mesos");
    }

    @Test
    void theLeaderAndItsAbdication() throws Exception {
        api.mvc.perform(get("/v2/leader")).andExpect(status().isOk())
                .andExpect(content().string("{\"leader\":\"marathon-1.example.com:8080\"}"));
        api.mvc.perform(delete("/v2/leader")).andExpect(status().isOk())
                .andExpect(content().string("{\"message\":\"Leadership abdicated\"}"));
        api.mvc.perform(get("/v2/leader")).andExpect(status().isNotFound())
                .andExpect(content().string("{\"message\":\"There is no leader\"}"));
        api.mvc.perform(delete("/v2/leader")).andExpect(status().isNotFound())
                .andExpect(content().string("{\"message\":\"There is no leader\"}"));
    }

    @Test
    void abdicatingWithABackupIsRefused() throws Exception {
        api.mvc.perform(delete("/v2/leader?backup=file:///tmp/backup")).andExpect(status().isBadRequest())
                .andExpect(content().string(
                        "{\"message\":\"backup and restore are not supported: the state is kept in the database\"}"));
        assertThat(api.leadership.isLeader()).isTrue();
    }

    @Test
    void pingAnswersPongAsTextOrAsAJsonString() throws Exception {
        api.mvc.perform(get("/ping")).andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "text/plain")).andExpect(content().string("pong"));
        api.mvc.perform(get("/ping").header("Accept", "*/*")).andExpect(content().string("pong"));
        api.mvc.perform(get("/ping").header("Accept", "application/json")).andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/json")).andExpect(content().string("\"pong\""));
    }

    @Test
    void metricsInDropwizardsShape() throws Exception {
        Counter.builder("marathon.http.requests").tag("method", "get").register(api.meters).increment(3);
        Timer timer = Timer.builder("marathon.deploy").register(api.meters);
        timer.record(Duration.ofMillis(500));
        timer.record(Duration.ofMillis(1500));
        DistributionSummary.builder("marathon.offer.size").publishPercentiles(0.5).register(api.meters).record(4);
        AtomicInteger apps = api.meters.gauge("marathon.apps", new AtomicInteger(7));
        assertThat(apps).isNotNull();
        String body = api.mvc.perform(get("/metrics")).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat(JsonText.tree(body)).isEqualTo(JsonText.tree("""
                {"version":"4.0.0",
                 "gauges":{"marathon.apps":{"value":7.0}},
                 "counters":{"marathon.http.requests.method.get":{"count":3}},
                 "histograms":{"marathon.offer.size":{"count":1,"max":4.0,"mean":4.0,"p50":4.0}},
                 "meters":{},
                 "timers":{"marathon.deploy":{"count":2,"max":1.5,"mean":1.0,"duration_units":"seconds",
                                              "rate_units":"calls/second"}}}"""));
    }

    @Test
    void percentileNamesAreDropwizards() {
        assertThat(DropwizardMetrics.percentileName(0.5)).isEqualTo("p50");
        assertThat(DropwizardMetrics.percentileName(0.75)).isEqualTo("p75");
        assertThat(DropwizardMetrics.percentileName(0.999)).isEqualTo("p999");
    }
}
