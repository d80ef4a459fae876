package io.mpaas.protocol.marathon.event;

import io.mpaas.protocol.marathon.Deployment;

/** {@code deployment_info}: a step of a deployment starts; {@code currentStep} holds that step's actions. */
public record DeploymentInfo(LightPlan plan, Deployment.Step currentStep, String eventType,
        String timestamp) implements MarathonEvent {

    public static final String TYPE = "deployment_info";

    public DeploymentInfo {
        eventType = MarathonEvent.requireType(TYPE, eventType);
        MarathonEvent.requireTimestamp(timestamp);
    }

    public DeploymentInfo(LightPlan plan, Deployment.Step currentStep, String timestamp) {
        this(plan, currentStep, TYPE, timestamp);
    }
}
