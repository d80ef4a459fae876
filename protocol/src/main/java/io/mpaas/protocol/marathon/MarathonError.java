package io.mpaas.protocol.marathon;

import java.util.List;

/**
 * Marathon's error body: {@code message}, plus {@code details} for validation errors (one entry
 * per JSON path, each with its messages) or {@code deployments} for an app locked by deployments.
 */
public record MarathonError(String message, Object details, List<DeploymentRef> deployments) {

    public static MarathonError of(String message) {
        return new MarathonError(message, null, null);
    }

    /** One invalid path and what is wrong with it, e.g. {@code /healthChecks(0)/portIndex}. */
    public record Violation(String path, List<String> errors) {
        public Violation {
            errors = List.copyOf(errors);
        }
    }

    /** A deployment that locks an app. */
    public record DeploymentRef(String id) {
    }
}
