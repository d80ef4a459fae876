package io.mpaas.marathon.security;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.test.context.junit.jupiter.web.SpringJUnitWebConfig;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

/** Marathon's API behind the real security chain, in its three configurations. */
class MarathonSecurityConfigurationTest {

    private static final String UNAUTHORIZED = "{\"message\":\"Invalid username or password.\"}";
    private static final String FORBIDDEN = "{\"message\":\"Not Authorized to perform this action!\"}";

    /** Stand-ins for Marathon's endpoints: answer 200 when the request got through. */
    @RestController
    static class Endpoints {

        @GetMapping({"/v2/apps", "/ping", "/actuator/health", "/v2/apps/{id}"})
        Map<String, String> read() {
            return Map.of("read", "ok");
        }

        @PostMapping("/v2/apps")
        Map<String, String> create() {
            return Map.of("created", "ok");
        }

        @PutMapping("/v2/apps/{id}")
        Map<String, String> update() {
            return Map.of("updated", "ok");
        }

        @DeleteMapping("/v2/leader")
        Map<String, String> abdicate() {
            return Map.of("message", "Leadership abdicated");
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableWebMvc
    @EnableWebSecurity
    @Import({MarathonSecurityConfiguration.class, Endpoints.class})
    static class Web {
    }

    static MockMvc mvc(WebApplicationContext context) {
        return MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
    }

    /** Users and a token configured; reads open. */
    @Nested
    @SpringJUnitWebConfig(Secured.Config.class)
    class Secured {

        @Configuration(proxyBeanMethods = false)
        @Import(Web.class)
        static class Config {
            @Bean
            MarathonSecurityProperties properties() {
                return new MarathonSecurityProperties(List.of(new MarathonSecurityProperties.User("viewer", "v1ew",
                        true)), "ops", "s3cret", List.of("t0ken"), false, "Mesosphere");
            }
        }

        @Autowired
        WebApplicationContext context;
        MockMvc mvc;

        @BeforeEach
        void setUp() {
            mvc = mvc(context);
        }

        @Test
        void aChangeWithoutCredentialsIs401WithMarathonsBodyAndABasicChallenge() throws Exception {
            mvc.perform(post("/v2/apps").contentType("application/json").content("{}"))
                    .andExpect(status().isUnauthorized())
                    .andExpect(header().string("WWW-Authenticate", "Basic realm=\"Mesosphere\""))
                    .andExpect(content().contentType("application/json"))
                    .andExpect(content().string(UNAUTHORIZED));
        }

        @Test
        void readsNeedNoCredentials() throws Exception {
            mvc.perform(get("/v2/apps")).andExpect(status().isOk());
            mvc.perform(head("/v2/apps")).andExpect(status().isOk());
        }

        @Test
        void aChangeWithTheUsersPasswordGoesThrough() throws Exception {
            mvc.perform(post("/v2/apps").with(httpBasic("ops", "s3cret")).contentType("application/json")
                    .content("{}")).andExpect(status().isOk()).andExpect(content().string("{\"created\":\"ok\"}"));
        }

        @Test
        void aWrongPasswordIs401EvenWhereReadsAreOpen() throws Exception {
            mvc.perform(get("/v2/apps").with(httpBasic("ops", "wrong")))
                    .andExpect(status().isUnauthorized())
                    .andExpect(content().string(UNAUTHORIZED));
        }

        @Test
        void anUnknownUserIs401() throws Exception {
            mvc.perform(put("/v2/apps/x").with(httpBasic("nobody", "s3cret")))
                    .andExpect(status().isUnauthorized())
                    .andExpect(content().string(UNAUTHORIZED));
        }

        @Test
        void aBearerTokenMayChange() throws Exception {
            mvc.perform(put("/v2/apps/x").header("Authorization", "Bearer t0ken"))
                    .andExpect(status().isOk());
            mvc.perform(delete("/v2/leader").header("Authorization", "bearer t0ken"))
                    .andExpect(status().isOk());
        }

        @Test
        void anUnknownBearerTokenIs401() throws Exception {
            mvc.perform(get("/v2/apps").header("Authorization", "Bearer t0ken-not"))
                    .andExpect(status().isUnauthorized())
                    .andExpect(header().string("WWW-Authenticate", "Basic realm=\"Mesosphere\""))
                    .andExpect(content().string(UNAUTHORIZED));
        }

        @Test
        void aReadOnlyUserMayReadButAChangeIs403WithMarathonsBody() throws Exception {
            mvc.perform(get("/v2/apps").with(httpBasic("viewer", "v1ew"))).andExpect(status().isOk());
            mvc.perform(delete("/v2/leader").with(httpBasic("viewer", "v1ew")))
                    .andExpect(status().isForbidden())
                    .andExpect(content().contentType("application/json"))
                    .andExpect(content().string(FORBIDDEN));
        }

        @Test
        void noCsrfTokenIsAskedOf() throws Exception {
            mvc.perform(post("/v2/apps").with(httpBasic("ops", "s3cret")).cookie(
                    new jakarta.servlet.http.Cookie("JSESSIONID", "x"))).andExpect(status().isOk());
        }

        @Test
        void answersCarryMarathonsSecurityHeaders() throws Exception {
            mvc.perform(get("/v2/apps"))
                    .andExpect(header().string("X-Frame-Options", "DENY"))
                    .andExpect(header().string("X-XSS-Protection", "1; mode=block"));
        }

        @Test
        void percentEncodedAppIdsAreNotRejected() throws Exception {
            mvc.perform(get("/v2/apps/%2Fprod%2Fdb")).andExpect(status().isOk());
        }
    }

    /** Reads need credentials too. */
    @Nested
    @SpringJUnitWebConfig(ReadsClosed.Config.class)
    class ReadsClosed {

        @Configuration(proxyBeanMethods = false)
        @Import(Web.class)
        static class Config {
            @Bean
            MarathonSecurityProperties properties() {
                return new MarathonSecurityProperties(List.of(new MarathonSecurityProperties.User("viewer", "v1ew",
                        true)), null, null, List.of(), true, "Marathon");
            }
        }

        @Autowired
        WebApplicationContext context;
        MockMvc mvc;

        @BeforeEach
        void setUp() {
            mvc = mvc(context);
        }

        @Test
        void aReadWithoutCredentialsIs401() throws Exception {
            mvc.perform(get("/v2/apps"))
                    .andExpect(status().isUnauthorized())
                    .andExpect(header().string("WWW-Authenticate", "Basic realm=\"Marathon\""))
                    .andExpect(content().string(UNAUTHORIZED));
        }

        @Test
        void aReadOnlyUserReads() throws Exception {
            mvc.perform(get("/v2/apps").with(httpBasic("viewer", "v1ew"))).andExpect(status().isOk());
        }

        @Test
        void probesNeedNoCredentials() throws Exception {
            mvc.perform(get("/ping")).andExpect(status().isOk());
            mvc.perform(get("/actuator/health")).andExpect(status().isOk());
        }
    }

    /** Nothing configured: local development, everything open. */
    @Nested
    @SpringJUnitWebConfig(Open.Config.class)
    class Open {

        @Configuration(proxyBeanMethods = false)
        @Import(Web.class)
        static class Config {
            @Bean
            MarathonSecurityProperties properties() {
                return new MarathonSecurityProperties(null, null, null, null, false, "Mesosphere");
            }
        }

        @Autowired
        WebApplicationContext context;
        MockMvc mvc;

        @BeforeEach
        void setUp() {
            mvc = mvc(context);
        }

        @Test
        void changesNeedNoCredentials() throws Exception {
            mvc.perform(post("/v2/apps").contentType("application/json").content("{}")).andExpect(status().isOk());
            mvc.perform(delete("/v2/leader")).andExpect(status().isOk());
        }

        @Test
        void credentialsSentAnywayAreIgnored() throws Exception {
            mvc.perform(post("/v2/apps").with(httpBasic("someone", "anything"))).andExpect(status().isOk());
            mvc.perform(get("/v2/apps").header("Authorization", "Bearer whatever")).andExpect(status().isOk());
        }
    }
}
