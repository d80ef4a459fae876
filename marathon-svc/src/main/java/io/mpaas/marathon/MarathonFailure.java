package io.mpaas.marathon;

import io.mpaas.protocol.marathon.MarathonError.Violation;
import java.util.List;
import java.util.Objects;

/**
 * A request marathon refuses, with what the client needs to fix it. Domain code throws it; the
 * web layer's one exception handler maps {@link Kind} to the status code and Marathon's body.
 */
public final class MarathonFailure extends RuntimeException {

    /** Why; each kind has one HTTP status (see the web layer). */
    public enum Kind {
        /** 400: malformed JSON, an invalid task id, contradictory query parameters. */
        BAD_REQUEST,
        /** 422: the definition breaks a rule; {@link #violations()} names the paths. */
        INVALID,
        /** 404: unknown app, group, task, version or deployment. */
        NOT_FOUND,
        /** 409: the app or group exists already. */
        ALREADY_EXISTS,
        /** 409: running deployments touch the same apps; {@link #deploymentIds()} names them. */
        LOCKED,
        /** 403: more deployments run than allowed. */
        TOO_MANY_DEPLOYMENTS,
        /** 503: not the leader and no leader to send the request to, or still recovering. */
        UNAVAILABLE
    }

    private final Kind kind;
    private final List<Violation> violations;
    private final List<String> deploymentIds;

    private MarathonFailure(Kind kind, String message, List<Violation> violations, List<String> deploymentIds) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.violations = List.copyOf(violations);
        this.deploymentIds = List.copyOf(deploymentIds);
    }

    public static MarathonFailure of(Kind kind, String message) {
        return new MarathonFailure(kind, message, List.of(), List.of());
    }

    /** 422 "Object is not valid" with the violations. */
    public static MarathonFailure invalid(List<Violation> violations) {
        return new MarathonFailure(Kind.INVALID, "Object is not valid", violations, List.of());
    }

    public static MarathonFailure locked(List<String> deploymentIds) {
        String first = deploymentIds.isEmpty() ? "" : deploymentIds.getFirst();
        return new MarathonFailure(Kind.LOCKED, "App is locked by one or more deployments. Override with the "
                + "option '?force=true'. View details at '/v2/deployments/" + first + "'.", List.of(), deploymentIds);
    }

    public static MarathonFailure notFound(String message) {
        return of(Kind.NOT_FOUND, message);
    }

    public Kind kind() {
        return kind;
    }

    public List<Violation> violations() {
        return violations;
    }

    public List<String> deploymentIds() {
        return deploymentIds;
    }
}
