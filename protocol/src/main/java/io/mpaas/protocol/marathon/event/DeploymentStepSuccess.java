package io.mpaas.protocol.marathon.event;

import io.mpaas.protocol.marathon.Deployment;

/** {@code deployment_step_success}: a step of a deployment finished; {@code currentStep} holds that step's actions. */
public record DeploymentStepSuccess(LightPlan plan, Deployment.Step currentStep, String eventType,
        String timestamp) implements MarathonEvent {

    public static final String TYPE = "deployment_step_success";

    public DeploymentStepSuccess {
        eventType = MarathonEvent.requireType(TYPE, eventType);
        MarathonEvent.requireTimestamp(timestamp);
    }

    public DeploymentStepSuccess(LightPlan plan, Deployment.Step currentStep, String timestamp) {
        this(plan, currentStep, TYPE, timestamp);
    }
}
