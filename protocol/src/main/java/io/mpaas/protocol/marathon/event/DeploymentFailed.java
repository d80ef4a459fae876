package io.mpaas.protocol.marathon.event;

/** {@code deployment_failed}: a deployment failed or was cancelled; {@code reason} may be absent. */
public record DeploymentFailed(String id, LightPlan plan, String reason, String eventType,
        String timestamp) implements MarathonEvent {

    public static final String TYPE = "deployment_failed";

    public DeploymentFailed {
        eventType = MarathonEvent.requireType(TYPE, eventType);
        MarathonEvent.requireTimestamp(timestamp);
    }

    public DeploymentFailed(String id, LightPlan plan, String reason, String timestamp) {
        this(id, plan, reason, TYPE, timestamp);
    }
}
