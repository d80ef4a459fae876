package io.mpaas.marathon.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Checks HTTP Basic users and bearer tokens against {@link MarathonSecurityProperties} and grants {@code READ}, plus
 * {@code WRITE} unless the user is read-only. Secrets are compared in constant time and as configured, not through a
 * slow password hash: API clients authenticate on every call, and the secrets sit in the same configuration that
 * would hold their hashes.
 */
final class ApiAuthenticator implements AuthenticationProvider {

    static final String READ = "READ";
    static final String WRITE = "WRITE";

    private static final List<GrantedAuthority> READ_ONLY = List.of(new SimpleGrantedAuthority("ROLE_" + READ));
    private static final List<GrantedAuthority> READ_WRITE =
            List.of(new SimpleGrantedAuthority("ROLE_" + READ), new SimpleGrantedAuthority("ROLE_" + WRITE));

    private final Map<String, MarathonSecurityProperties.User> users;
    private final List<byte[]> tokens;

    ApiAuthenticator(MarathonSecurityProperties properties) {
        this.users = properties.allUsers().stream().collect(Collectors.toUnmodifiableMap(
                MarathonSecurityProperties.User::name, Function.identity(), (first, second) -> second));
        this.tokens = properties.tokens().stream().map(ApiAuthenticator::bytes).toList();
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        if (authentication instanceof BearerToken bearer) {
            return token(bearer);
        }
        String name = authentication.getName();
        Object given = authentication.getCredentials();
        MarathonSecurityProperties.User user = users.get(name);
        byte[] expected = user == null ? new byte[0] : bytes(user.password());
        boolean matches = MessageDigest.isEqual(expected, bytes(given == null ? "" : given.toString()));
        if (user == null || !matches) {
            throw new BadCredentialsException("Invalid username or password.");
        }
        return UsernamePasswordAuthenticationToken.authenticated(name, null,
                user.readOnly() ? READ_ONLY : READ_WRITE);
    }

    private Authentication token(BearerToken bearer) {
        byte[] given = bytes(String.valueOf(bearer.getCredentials()));
        for (int i = 0; i < tokens.size(); i++) {
            if (MessageDigest.isEqual(tokens.get(i), given)) {
                return BearerToken.accepted("token-" + (i + 1), READ_WRITE);
            }
        }
        throw new BadCredentialsException("Invalid bearer token.");
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication)
                || BearerToken.class.isAssignableFrom(authentication);
    }

    private static byte[] bytes(String secret) {
        return secret.getBytes(StandardCharsets.UTF_8);
    }
}
