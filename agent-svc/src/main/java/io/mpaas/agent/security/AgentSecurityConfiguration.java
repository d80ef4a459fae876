package io.mpaas.agent.security;

import java.nio.charset.StandardCharsets;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;

/**
 * HTTP Basic, stateless. With credentials configured everything but the health endpoints needs
 * them: the agent's state names the tasks and its files serve their logs, which may hold
 * secrets. Without credentials (a bare local setup) it is open, as Mesos agents are by default.
 */
@Configuration(proxyBeanMethods = false)
class AgentSecurityConfiguration {

    static final String CHALLENGE = "Basic realm=\"mesos\"";

    @Bean
    UserDetailsService agentUsers(AgentSecurityProperties properties) {
        InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
        for (AgentSecurityProperties.Credential c : properties.credentials()) {
            users.createUser(User.withUsername(c.principal()).password("{noop}" + c.secret()).roles("MESOS").build());
        }
        return users;
    }

    @Bean
    SecurityFilterChain agentSecurity(HttpSecurity http, AgentSecurityProperties properties) throws Exception {
        AuthenticationEntryPoint unauthorized = (request, response, e) -> {
            response.setStatus(401);
            response.setHeader("WWW-Authenticate", CHALLENGE);
            response.setContentType("text/plain; charset=utf-8");
            response.getOutputStream().write("Unauthorized".getBytes(StandardCharsets.UTF_8));
        };
        boolean open = properties.credentials().isEmpty();
        http.csrf(c -> c.disable())
                .sessionManagement(s -> s.disable())
                .requestCache(c -> c.disable())
                .logout(l -> l.disable())
                .httpBasic(b -> b.authenticationEntryPoint(unauthorized).realmName("mesos"))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized))
                .authorizeHttpRequests(a -> {
                    a.requestMatchers("/health", "/slave(1)/health", "/actuator/health/**", "/actuator/health")
                            .permitAll();
                    if (open) {
                        a.anyRequest().permitAll();
                    } else {
                        a.anyRequest().authenticated();
                    }
                });
        return http.build();
    }
}
