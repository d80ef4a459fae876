package io.mpaas.marathon.security;

import io.mpaas.protocol.marathon.MarathonError;
import io.mpaas.protocol.marathon.MarathonJson;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.header.writers.XXssProtectionHeaderWriter;

/**
 * The API's security: HTTP Basic and bearer tokens, stateless, no CSRF (clients are programs and send no
 * cookies). Who may do what is in {@link MarathonSecurityProperties}; the bodies are Marathon's: 401
 * {@code {"message":"Invalid username or password."}} with a Basic challenge, 403
 * {@code {"message":"Not Authorized to perform this action!"}}. Credentials that do not check out are refused
 * on every path, even an open one, so a client learns of a typo at once. Responses carry Marathon's
 * {@code X-Frame-Options: DENY} and {@code X-XSS-Protection: 1; mode=block}.
 */
@Configuration(proxyBeanMethods = false)
public class MarathonSecurityConfiguration {

    static final String UNAUTHORIZED = "Invalid username or password.";
    static final String FORBIDDEN = "Not Authorized to perform this action!";

    /** Probes carry no credentials; these answer them whatever the configuration. */
    static final String[] ALWAYS_OPEN = {"/ping", "/actuator/health", "/actuator/health/**"};

    /** Also a bean so that Spring Boot does not add its generated default user. */
    @Bean
    ApiAuthenticator apiAuthenticator(MarathonSecurityProperties properties) {
        return new ApiAuthenticator(properties);
    }

    /**
     * Marathon's app ids are paths and clients send them three ways, {@code /v2/apps/prod/db},
     * {@code /v2/apps//prod/db} and {@code /v2/apps/%2Fprod%2Fdb}; the default firewall would turn the last two away
     * with 400 before any controller saw them (with Tomcat passing {@code %2F} through undecoded, the servlet path
     * holds a literal {@code %} too). No access rule here depends on the path beyond {@code /ping} and the health
     * endpoint, so a path spelled unusually cannot slip past one. Path traversal ({@code ..}) stays blocked.
     */
    @Bean
    WebSecurityCustomizer appIdsAsPaths() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowUrlEncodedSlash(true);
        firewall.setAllowUrlEncodedDoubleSlash(true);
        firewall.setAllowUrlEncodedPercent(true);
        return web -> web.httpFirewall(firewall);
    }

    /** No Micrometer observation per security filter: every API call passes them, standbys' forwards twice. */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    SecurityFilterChain marathonSecurity(HttpSecurity http, MarathonSecurityProperties properties,
                                         ApiAuthenticator authenticator) throws Exception {
        String challenge = "Basic realm=\"" + properties.realm() + "\"";
        AuthenticationEntryPoint unauthorized = (request, response, e) -> {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge);
            write(response, HttpServletResponse.SC_UNAUTHORIZED, UNAUTHORIZED);
        };
        AccessDeniedHandler forbidden = (request, response, e) ->
                write(response, HttpServletResponse.SC_FORBIDDEN, FORBIDDEN);
        http.csrf(c -> c.disable())
                .sessionManagement(s -> s.disable())
                .requestCache(c -> c.disable())
                .logout(l -> l.disable())
                .headers(h -> h.xssProtection(x -> x.headerValue(
                        XXssProtectionHeaderWriter.HeaderValue.ENABLED_MODE_BLOCK)))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden));
        if (properties.open()) {
            // Nothing to check credentials against: ignore them, as Marathon without --http_credentials does.
            http.authorizeHttpRequests(a -> a.anyRequest().permitAll());
            return http.build();
        }
        AuthenticationManager manager = new ProviderManager(authenticator);
        http.authenticationManager(manager)
                .httpBasic(b -> b.authenticationEntryPoint(unauthorized).realmName(properties.realm()))
                .addFilterBefore(bearerTokens(manager, unauthorized), BasicAuthenticationFilter.class)
                .authorizeHttpRequests(a -> {
                    // A forward or error page of a request that was authorized already.
                    a.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC, DispatcherType.FORWARD)
                            .permitAll();
                    a.requestMatchers(ALWAYS_OPEN).permitAll();
                    for (HttpMethod read : new HttpMethod[] {HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS}) {
                        if (properties.readRequiresAuth()) {
                            a.requestMatchers(read).hasRole(ApiAuthenticator.READ);
                        } else {
                            a.requestMatchers(read).permitAll();
                        }
                    }
                    a.anyRequest().hasRole(ApiAuthenticator.WRITE);
                });
        return http.build();
    }

    /** Reads {@code Authorization: Bearer <token>}; requests without one pass on to Basic and anonymity. */
    private static AuthenticationFilter bearerTokens(AuthenticationManager manager,
                                                     AuthenticationEntryPoint unauthorized) {
        AuthenticationConverter converter = MarathonSecurityConfiguration::bearerToken;
        AuthenticationFilter filter = new AuthenticationFilter(manager, converter);
        filter.setSuccessHandler((request, response, authentication) -> {
            // Carry on down the chain: an API call, not a login.
        });
        filter.setFailureHandler(new AuthenticationEntryPointFailureHandler(unauthorized));
        return filter;
    }

    private static BearerToken bearerToken(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        String scheme = "Bearer ";
        if (header == null || !header.regionMatches(true, 0, scheme, 0, scheme.length())) {
            return null;
        }
        return BearerToken.presented(header.substring(scheme.length()).strip());
    }

    private static void write(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.getOutputStream().write(MarathonJson.write(MarathonError.of(message))
                .getBytes(StandardCharsets.UTF_8));
    }
}
