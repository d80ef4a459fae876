package io.mpaas.protocol.marathon;

import java.util.List;

/**
 * A running deployment as {@code GET /v2/deployments} lists it; {@code currentStep} is 1-based.
 * {@code waiting} is ours, not Marathon's: why the current step does not progress (no offer fits,
 * a crash loop holds launches back), so a stuck deployment says why; absent while it progresses.
 */
public record Deployment(
        String id,
        String version,
        List<String> affectedApps,
        List<String> affectedPods,
        List<Step> steps,
        List<CurrentAction> currentActions,
        int currentStep,
        int totalSteps,
        String waiting) {

    public Deployment {
        affectedApps = List.copyOf(affectedApps);
        affectedPods = affectedPods == null ? List.of() : List.copyOf(affectedPods);
        steps = List.copyOf(steps);
        currentActions = currentActions == null ? List.of() : List.copyOf(currentActions);
    }

    /** A deployment as Marathon shows it, without our {@code waiting} note. */
    public Deployment(String id, String version, List<String> affectedApps, List<String> affectedPods,
            List<Step> steps, List<CurrentAction> currentActions, int currentStep, int totalSteps) {
        this(id, version, affectedApps, affectedPods, steps, currentActions, currentStep, totalSteps, null);
    }

    /** Actions that run in parallel; steps run one after another. */
    public record Step(List<Action> actions) {
        public Step {
            actions = List.copyOf(actions);
        }
    }

    /** {@code action} is StartApplication, StopApplication, ScaleApplication or RestartApplication. */
    public record Action(String action, String app) {
    }

    /** An action of the current step, with readiness results of its new instances. */
    public record CurrentAction(String action, String app, List<Object> readinessCheckResults) {
        public CurrentAction {
            readinessCheckResults = readinessCheckResults == null ? List.of() : List.copyOf(readinessCheckResults);
        }
    }
}
