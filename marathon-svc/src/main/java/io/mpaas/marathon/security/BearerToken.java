package io.mpaas.marathon.security;

import java.util.Collection;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

/**
 * A request's {@code Authorization: Bearer} token: unauthenticated as read from the header, authenticated (with
 * the token's principal name and no secret) once {@link ApiAuthenticator} has found it.
 */
final class BearerToken extends AbstractAuthenticationToken {

    private final String principal;
    private final String token;

    private BearerToken(String principal, String token, Collection<? extends GrantedAuthority> authorities,
                        boolean authenticated) {
        super(authorities);
        this.principal = principal;
        this.token = token;
        super.setAuthenticated(authenticated);
    }

    static BearerToken presented(String token) {
        return new BearerToken(null, token, List.of(), false);
    }

    static BearerToken accepted(String principal, Collection<? extends GrantedAuthority> authorities) {
        return new BearerToken(principal, null, authorities, true);
    }

    @Override
    public Object getCredentials() {
        return token;
    }

    @Override
    public Object getPrincipal() {
        return principal;
    }

    /** Only {@link #accepted} makes an authenticated token. */
    @Override
    public void setAuthenticated(boolean authenticated) {
        if (authenticated) {
            throw new IllegalArgumentException("a bearer token is authenticated only by the authenticator");
        }
        super.setAuthenticated(false);
    }
}
