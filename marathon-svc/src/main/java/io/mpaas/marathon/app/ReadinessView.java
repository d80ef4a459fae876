package io.mpaas.marathon.app;

import java.util.List;

/**
 * The readiness results of an app's tasks while a deployment waits for them ({@code readinessCheckResults}
 * of {@code embed=apps.readiness}): what a gateway needs to keep a started but not yet ready task out of
 * its routing. Answers from memory; empty for an app with nothing being checked.
 */
public interface ReadinessView {

    /** Results as records of {@code name}, {@code taskId}, {@code ready}, {@code lastResponse}. */
    List<?> results(PathId appId);
}
