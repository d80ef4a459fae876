package io.mpaas.protocol.marathon.event;

/** {@code deployment_success}: a deployment finished; {@code id} is the deployment id. */
public record DeploymentSuccess(String id, LightPlan plan, String eventType,
        String timestamp) implements MarathonEvent {

    public static final String TYPE = "deployment_success";

    public DeploymentSuccess {
        eventType = MarathonEvent.requireType(TYPE, eventType);
        MarathonEvent.requireTimestamp(timestamp);
    }

    public DeploymentSuccess(String id, LightPlan plan, String timestamp) {
        this(id, plan, TYPE, timestamp);
    }
}
