package io.mpaas.protocol.marathon.event;

import io.mpaas.protocol.marathon.Deployment;

/** {@code deployment_step_failure}: a step of a deployment failed; {@code currentStep} holds that step's actions. */
public record DeploymentStepFailure(LightPlan plan, Deployment.Step currentStep, String eventType,
        String timestamp) implements MarathonEvent {

    public static final String TYPE = "deployment_step_failure";

    public DeploymentStepFailure {
        eventType = MarathonEvent.requireType(TYPE, eventType);
        MarathonEvent.requireTimestamp(timestamp);
    }

    public DeploymentStepFailure(LightPlan plan, Deployment.Step currentStep, String timestamp) {
        this(plan, currentStep, TYPE, timestamp);
    }
}
