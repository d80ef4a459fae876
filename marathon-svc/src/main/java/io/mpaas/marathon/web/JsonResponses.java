package io.mpaas.marathon.web;

import io.mpaas.marathon.app.MarathonTime;
import io.mpaas.marathon.deployment.DeploymentPlan;
import io.mpaas.protocol.marathon.DeploymentResult;
import io.mpaas.protocol.marathon.MarathonError;
import io.mpaas.protocol.marathon.MarathonJson;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Writes response bodies with Marathon's JSON codec ({@link MarathonJson}: absent values left out,
 * Marathon's field names) as {@code application/json}, whatever the request's {@code Accept} said:
 * clients send none, {@code *}{@code /*} or text types and still expect JSON.
 */
public final class JsonResponses {

    /** The header naming the deployment a change started, next to {@code deploymentId} in the body. */
    public static final String DEPLOYMENT_ID = "Marathon-Deployment-Id";

    private JsonResponses() {
    }

    public static ResponseEntity<byte[]> ok(Object body) {
        return of(HttpStatus.OK, body);
    }

    public static ResponseEntity<byte[]> of(HttpStatusCode status, Object body) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(bytes(body));
    }

    /** {@code {"message": ...}}. */
    public static ResponseEntity<byte[]> message(HttpStatusCode status, String message) {
        return of(status, MarathonError.of(message));
    }

    /** 200 {@code {version, deploymentId}} with the {@code Marathon-Deployment-Id} header. */
    public static ResponseEntity<byte[]> deployed(DeploymentPlan plan) {
        return ResponseEntity.ok().header(DEPLOYMENT_ID, plan.id()).contentType(MediaType.APPLICATION_JSON)
                .body(bytes(result(plan)));
    }

    /** 201 {@code {version, deploymentId}} with {@code Location} and {@code Marathon-Deployment-Id}. */
    public static ResponseEntity<byte[]> created(DeploymentPlan plan, String location) {
        return created(plan, location, result(plan));
    }

    /** 201 with {@code body}, {@code Location} and {@code Marathon-Deployment-Id}. */
    public static ResponseEntity<byte[]> created(DeploymentPlan plan, String location, Object body) {
        return ResponseEntity.status(HttpStatus.CREATED).header("Location", location).header(DEPLOYMENT_ID, plan.id())
                .contentType(MediaType.APPLICATION_JSON).body(bytes(body));
    }

    public static DeploymentResult result(DeploymentPlan plan) {
        return new DeploymentResult(MarathonTime.format(plan.version()), plan.id());
    }

    public static byte[] bytes(Object body) {
        return MarathonJson.mapper().writeValueAsBytes(body);
    }
}
