package io.mpaas.marathon.instance;

import java.util.Collection;
import java.util.List;

/**
 * Kills instances outside deployments ({@code DELETE /v2/apps/{id}/tasks}, health-check kills).
 * The app's instance count stays, so each killed instance is replaced.
 */
public interface Killer {

    /**
     * Kills these instances (by instance id) and returns them as they were; unknown ids are skipped.
     * The kill is recorded before this returns; the confirmation arrives later as a status update.
     */
    List<Instance> kill(Collection<String> instanceIds);
}
