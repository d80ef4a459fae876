package io.mpaas.master.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;

/**
 * Checks an HTTP Basic {@code Authorization} header with the same provider that Spring Security's
 * filter chain uses, for the calls answered in front of that chain ({@code MesosCallFilter}). Only
 * a well-formed header with valid credentials yields a principal; anything else (another scheme, a
 * malformed header, wrong credentials) yields nothing, and the caller leaves the request to the chain,
 * which answers it as it always has (401 with a challenge, or anonymous for a scheme it ignores).
 */
@Component
public class BasicCredentials {

    private static final String SCHEME = "Basic ";

    private final AuthenticationProvider provider;

    public BasicCredentials(AuthenticationProvider provider) {
        this.provider = provider;
    }

    /** The authenticated principal of {@code authorization}, or empty (see the class comment). */
    public Optional<String> principal(String authorization) {
        String header = authorization.trim();
        if (!header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(SCHEME.length())),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        try {
            Authentication result = provider.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(
                    decoded.substring(0, colon), decoded.substring(colon + 1)));
            return result == null || !result.isAuthenticated() ? Optional.empty() : Optional.of(result.getName());
        } catch (AuthenticationException e) {
            return Optional.empty();
        }
    }
}
