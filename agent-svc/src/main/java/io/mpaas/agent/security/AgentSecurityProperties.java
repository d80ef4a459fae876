package io.mpaas.agent.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may read the agent's endpoints ({@code mesos.agent.security.*}).
 *
 * @param credentials principals and secrets (HTTP Basic); when none are configured the
 *     endpoints are open, as a Mesos agent's are by default
 */
@ConfigurationProperties("mesos.agent.security")
public record AgentSecurityProperties(List<Credential> credentials) {

    public AgentSecurityProperties {
        credentials = credentials == null ? List.of() : List.copyOf(credentials);
    }

    /** A principal and its secret; the secret never appears in logs. */
    public record Credential(String principal, String secret) {
        @Override
        public String toString() {
            return "Credential[principal=" + principal + "]";
        }
    }
}
