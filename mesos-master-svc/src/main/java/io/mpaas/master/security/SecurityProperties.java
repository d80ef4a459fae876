package io.mpaas.master.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may talk to the master ({@code mesos.master.security.*}).
 *
 * @param credentials principals and secrets of frameworks, agents and operators (Mesos's
 *     {@code --credentials}); HTTP Basic on the wire
 * @param authenticateFrameworks whether scheduler calls need credentials; unset means "yes when
 *     credentials are configured" (secure by default without locking out a bare local setup)
 * @param authenticateAgents whether agent links need credentials; unset likewise
 * @param acls Mesos's ACL JSON ({@code --acls}): {@code register_frameworks}, {@code teardown_frameworks}, {@code permissive}
 */
@ConfigurationProperties("mesos.master.security")
public record SecurityProperties(
        List<Credential> credentials,
        Boolean authenticateFrameworks,
        Boolean authenticateAgents,
        String acls) {

    public SecurityProperties {
        credentials = credentials == null ? List.of() : List.copyOf(credentials);
    }

    /** A principal and its secret. The secret never appears in logs or in the state. */
    public record Credential(String principal, String secret) {
        @Override
        public String toString() {
            return "Credential[principal=" + principal + "]";
        }
    }

    public boolean frameworksMustAuthenticate() {
        return authenticateFrameworks != null ? authenticateFrameworks : !credentials.isEmpty();
    }

    public boolean agentsMustAuthenticate() {
        return authenticateAgents != null ? authenticateAgents : !credentials.isEmpty();
    }
}
