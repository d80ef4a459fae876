package io.mpaas.marathon.deployment;

import io.mpaas.marathon.MarathonFailure;
import io.mpaas.marathon.web.JsonResponses;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /v2/deployments}: the running deployments, and cancelling one. */
@RestController
public class DeploymentController {

    private final Deployer deployer;

    public DeploymentController(Deployer deployer) {
        this.deployer = deployer;
    }

    /** A bare JSON array (clients depend on it), oldest first, with each deployment's progress. */
    @GetMapping("/v2/deployments")
    public ResponseEntity<byte[]> list() {
        return JsonResponses.ok(deployer.running().stream()
                .map(status -> status.plan().toWire(status.currentStep(), status.waiting())).toList());
    }

    /**
     * Without {@code force}: cancels and deploys the reverse change, answering that deployment.
     * With it: only stops the deployment where it is (202, no body).
     */
    @DeleteMapping("/v2/deployments/{id}")
    public ResponseEntity<byte[]> cancel(@PathVariable String id, @RequestParam(defaultValue = "false") boolean force) {
        if (deployer.running().stream().noneMatch(status -> status.plan().id().equals(id))) {
            throw MarathonFailure.notFound("DeploymentPlan " + id + " does not exist");
        }
        Optional<DeploymentPlan> rollback = deployer.cancel(id, force);
        return rollback.map(JsonResponses::deployed)
                .orElseGet(() -> ResponseEntity.status(HttpStatus.ACCEPTED).build());
    }
}
