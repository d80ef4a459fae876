package io.mpaas.master.security;

import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;

/**
 * HTTP Basic everywhere, stateless, no CSRF (an API for programs). Wrong credentials are refused
 * 401 on every endpoint; endpoints that change the cluster's configuration need credentials; the
 * rest decide in their handlers (the scheduler API, the agent link and {@code /api/v1} need them
 * only for some calls or when authentication of frameworks/agents is on, as in Mesos).
 */
@Configuration
public class MasterSecurityConfiguration {

    /** Mesos's authentication realm name. */
    static final String REALM = "mesos";

    /** The {@code WWW-Authenticate} header of every 401. */
    public static final String CHALLENGE = "Basic realm=\"" + REALM + "\"";

    @Bean
    Acls acls(SecurityProperties properties) {
        return Acls.parse(properties.acls());
    }

    @Bean
    AuthenticationProvider credentialAuthenticationProvider(SecurityProperties properties) {
        return new CredentialAuthenticationProvider(properties.credentials());
    }

    /**
     * No Micrometer observations around each security filter: every agent's and framework's
     * request passes the chain, and after a failover ten thousand agents do so within seconds.
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    SecurityFilterChain masterSecurity(HttpSecurity http) throws Exception {
        AuthenticationEntryPoint unauthorized = (request, response, e) -> challenge(response);
        // A stateless API for programs: no session, request cache, logout or anonymous user.
        http.csrf(c -> c.disable())
                .sessionManagement(s -> s.disable())
                .requestCache(c -> c.disable())
                .logout(l -> l.disable())
                .anonymous(a -> a.disable())
                .securityContext(c -> c.requireExplicitSave(true))
                .httpBasic(b -> b.authenticationEntryPoint(unauthorized).realmName(REALM))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized))
                .authorizeHttpRequests(a -> a
                        .requestMatchers(HttpMethod.POST, "/master/teardown", "/teardown").authenticated()
                        .requestMatchers(HttpMethod.PUT, "/master/weights", "/weights").authenticated()
                        .requestMatchers(HttpMethod.POST, "/master/quota", "/quota").authenticated()
                        .requestMatchers(HttpMethod.DELETE, "/master/quota/**", "/quota/**").authenticated()
                        .requestMatchers(HttpMethod.POST, "/master/maintenance/schedule",
                                "/maintenance/schedule", "/master/machine/**", "/machine/**").authenticated()
                        .anyRequest().permitAll());
        return http.build();
    }

    /** 401 with a Basic challenge, as Mesos answers. */
    public static void challenge(HttpServletResponse response) throws java.io.IOException {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", CHALLENGE);
        response.setContentType("text/plain; charset=utf-8");
        response.getOutputStream().write("Unauthorized".getBytes(StandardCharsets.UTF_8));
    }
}
