package io.mpaas.protocol.marathon;

/** What a deployable change answers: the new version and the deployment that carries it out. */
public record DeploymentResult(String version, String deploymentId) {
}
