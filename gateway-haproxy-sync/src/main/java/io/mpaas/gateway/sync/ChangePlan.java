package io.mpaas.gateway.sync;

import java.util.List;
import java.util.Set;

/**
 * What it takes to bring HAProxy from what it has to what the cluster wants.
 *
 * @param commands        runtime-API commands for backends whose definition is unchanged and whose servers
 *                        fit their slots; safe to send at once, even when a reload is also needed
 * @param layout          the slot layout once the commands are carried out
 * @param reloadBackends  backends (by name) that need a reload: new, removed, redefined, or out of slots;
 *                        together with {@code reloadFrontends} empty means no reload
 * @param reloadFrontends whether the frontends or virtual hosts themselves changed
 */
public record ChangePlan(List<String> commands, SlotLayout layout, Set<String> reloadBackends,
        boolean reloadFrontends) {

    public ChangePlan {
        commands = List.copyOf(commands);
        reloadBackends = Set.copyOf(reloadBackends);
    }

    public boolean needsReload() {
        return reloadFrontends || !reloadBackends.isEmpty();
    }

    public boolean isEmpty() {
        return commands.isEmpty() && !needsReload();
    }
}
