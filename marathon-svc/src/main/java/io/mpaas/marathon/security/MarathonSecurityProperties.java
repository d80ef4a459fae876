package io.mpaas.marathon.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may use the API ({@code marathon.security.*}). Marathon's own build knows HTTP Basic with one user
 * ({@code --http_credentials user:password}); bearer tokens are added for programs that should not hold a password.
 *
 * <p>With neither users nor tokens the API is open, as Marathon without {@code --http_credentials} (and the Mesos
 * agent and master here without credentials): a bare local setup works without configuration, and any
 * {@code Authorization} header is ignored. With any of them configured, changes ({@code POST}, {@code PUT},
 * {@code PATCH}, {@code DELETE}) need a user that is not read-only or a token; reads need credentials only with
 * {@code read-requires-auth}.
 *
 * @param users            users with passwords; a read-only one may only read
 * @param user             a single full-access user, the short form (Marathon's {@code --http_credentials})
 * @param password         that user's password
 * @param tokens           bearer tokens ({@code Authorization: Bearer <token>}) with full access
 * @param readRequiresAuth whether reads ({@code GET}, {@code HEAD}, {@code OPTIONS}) need credentials too;
 *                         {@code /ping} and {@code /actuator/health} never do (probes carry none)
 * @param realm            the realm in {@code WWW-Authenticate} (Marathon's {@code --http_realm})
 */
@ConfigurationProperties("marathon.security")
public record MarathonSecurityProperties(
        List<User> users,
        String user,
        String password,
        List<String> tokens,
        @DefaultValue("false") boolean readRequiresAuth,
        @DefaultValue("Mesosphere") String realm) {

    public MarathonSecurityProperties {
        users = users == null ? List.of() : List.copyOf(users);
        tokens = tokens == null ? List.of() : tokens.stream().filter(t -> t != null && !t.isBlank()).toList();
        if ((user == null || user.isBlank()) != (password == null || password.isEmpty())) {
            throw new IllegalArgumentException("marathon.security.user and marathon.security.password go together");
        }
        Objects.requireNonNull(realm, "realm");
    }

    /** Every user, the short form's included. */
    public List<User> allUsers() {
        List<User> all = new ArrayList<>(users);
        if (user != null && !user.isBlank()) {
            all.add(new User(user, password, false));
        }
        return List.copyOf(all);
    }

    /** No credentials of any kind: the API is open (local development). */
    public boolean open() {
        return allUsers().isEmpty() && tokens.isEmpty();
    }

    /**
     * A user of the API.
     *
     * @param readOnly may read (with {@code read-requires-auth}) but not change anything: 403 on changes
     */
    public record User(String name, String password, boolean readOnly) {

        public User {
            if (name == null || name.isBlank() || password == null || password.isEmpty()) {
                throw new IllegalArgumentException("a marathon.security.users entry needs a name and a password");
            }
        }

        /** Never shows the password. */
        @Override
        public String toString() {
            return "User[name=" + name + ", readOnly=" + readOnly + "]";
        }
    }

    /** Never shows passwords or tokens. */
    @Override
    public String toString() {
        return "MarathonSecurityProperties[users=" + allUsers() + ", tokens=" + tokens.size()
                + ", readRequiresAuth=" + readRequiresAuth + ", realm=" + realm + "]";
    }
}
