package io.mpaas.master.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Checks HTTP Basic credentials against the configured principals and secrets, in constant
 * time. Secrets are compared as given (like Mesos's credentials file) rather than hashed with a
 * slow password hash, because frameworks authenticate every call and acknowledge every update.
 */
public final class CredentialAuthenticationProvider implements AuthenticationProvider {

    private final Map<String, byte[]> secrets;

    public CredentialAuthenticationProvider(List<SecurityProperties.Credential> credentials) {
        this.secrets = credentials.stream().collect(Collectors.toUnmodifiableMap(
                SecurityProperties.Credential::principal, c -> c.secret().getBytes(StandardCharsets.UTF_8),
                (a, b) -> b));
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String principal = authentication.getName();
        Object credentials = authentication.getCredentials();
        byte[] given = credentials == null ? new byte[0] : credentials.toString().getBytes(StandardCharsets.UTF_8);
        byte[] expected = secrets.get(principal);
        if (expected == null || !MessageDigest.isEqual(expected, given)) {
            throw new BadCredentialsException("Invalid credentials for principal '" + principal + "'");
        }
        return UsernamePasswordAuthenticationToken.authenticated(principal, null,
                List.of(new SimpleGrantedAuthority("ROLE_MESOS")));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
