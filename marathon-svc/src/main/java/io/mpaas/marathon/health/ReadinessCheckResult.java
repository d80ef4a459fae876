package io.mpaas.marathon.health;

/**
 * The latest readiness verdict for one task, as Marathon shows it in {@code readinessCheckResults}
 * of {@code /v2/apps} and of a deployment's current actions.
 *
 * @param lastResponse the last answer, only when the check asks to {@code preserveLastResponse}
 */
public record ReadinessCheckResult(String name, String taskId, boolean ready, HttpResponse lastResponse) {

    /** An answer of the task's readiness endpoint; the body is cut at {@code marathon.health.readiness-body-limit}. */
    public record HttpResponse(int status, String contentType, String body) {
    }
}
