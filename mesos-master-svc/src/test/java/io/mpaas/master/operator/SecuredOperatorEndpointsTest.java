package io.mpaas.master.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.mpaas.master.security.MasterSecurityConfiguration;
import io.mpaas.master.security.SecurityProperties;
import io.mpaas.master.web.MesosErrorAdvice;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.test.context.junit.jupiter.web.SpringJUnitWebConfig;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

/** The operator endpoints behind the master's real security filter chain (HTTP Basic). */
@SpringJUnitWebConfig(SecuredOperatorEndpointsTest.Web.class)
class SecuredOperatorEndpointsTest {

    @Configuration(proxyBeanMethods = false)
    @EnableWebMvc
    @EnableWebSecurity
    @Import(MasterSecurityConfiguration.class)
    static class Web {

        @Bean
        SecurityProperties securityProperties() {
            return new SecurityProperties(List.of(new SecurityProperties.Credential("ops", "s3cret")), null, null,
                    null);
        }

        @Bean
        SampleCluster sample() {
            return new SampleCluster();
        }

        @Bean
        OperatorHarness harness(SampleCluster sample) {
            return new OperatorHarness(sample.fx);
        }

        @Bean
        ClusterSettingsController settings(OperatorHarness h) {
            return new ClusterSettingsController(h.fx.gate(), h.weights, h.quotas, h.maintenance, h.teardown,
                    h.fx.reader);
        }

        @Bean
        OperatorApiController api(OperatorHarness h) {
            return h.apiController();
        }

        @Bean
        StateController state(OperatorHarness h) {
            return new StateController(h.fx.gate(), h.fx.reader, h.fx.renderer(), h.fx.flags());
        }

        @Bean
        MesosErrorAdvice advice() {
            return new MesosErrorAdvice();
        }
    }

    @Autowired
    WebApplicationContext context;
    @Autowired
    SampleCluster sample;
    MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
    }

    @Test
    void readingNeedsNoCredentials() throws Exception {
        mvc.perform(get("/master/state")).andExpect(status().isOk());
        mvc.perform(get("/master/weights")).andExpect(status().isOk());
        mvc.perform(post("/api/v1").contentType(MediaType.APPLICATION_JSON).content("{\"type\":\"GET_HEALTH\"}"))
                .andExpect(status().isOk());
    }

    @Test
    void changesNeedCredentials() throws Exception {
        mvc.perform(put("/master/weights").contentType(MediaType.APPLICATION_JSON)
                .content("[{\"role\":\"web\",\"weight\":3}]"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", "Basic realm=\"mesos\""));
        mvc.perform(put("/master/weights").with(httpBasic("ops", "wrong")).contentType(MediaType.APPLICATION_JSON)
                .content("[{\"role\":\"web\",\"weight\":3}]")).andExpect(status().isUnauthorized());
        mvc.perform(post("/api/v1").contentType(MediaType.APPLICATION_JSON)
                .content("{\"type\":\"UPDATE_WEIGHTS\",\"update_weights\":{\"weight_infos\":[]}}"))
                .andExpect(status().isUnauthorized());
        assertThat(sample.fx.cluster.weights()).isEqualTo(Map.of("web", 2.0));

        mvc.perform(put("/master/weights").with(httpBasic("ops", "s3cret")).contentType(MediaType.APPLICATION_JSON)
                .content("[{\"role\":\"web\",\"weight\":3}]")).andExpect(status().isOk());
        mvc.perform(post("/api/v1").with(httpBasic("ops", "s3cret")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"type\":\"UPDATE_WEIGHTS\",\"update_weights\":{\"weight_infos\":[{\"role\":\"batch\","
                        + "\"weight\":2}]}}")).andExpect(status().isOk());
        assertThat(sample.fx.cluster.weights()).isEqualTo(Map.of("web", 3.0, "batch", 2.0));
    }

    @Test
    void teardownNeedsCredentials() throws Exception {
        mvc.perform(post("/master/teardown").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .content("frameworkId=m1-0000")).andExpect(status().isUnauthorized());
        mvc.perform(post("/master/teardown").with(httpBasic("ops", "s3cret"))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).content("frameworkId=m1-0000"))
                .andExpect(status().isOk());
        assertThat(sample.fx.cluster.frameworks()).isEmpty();
    }
}
