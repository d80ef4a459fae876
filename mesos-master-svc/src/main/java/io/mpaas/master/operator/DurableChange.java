package io.mpaas.master.operator;

import io.mpaas.master.MasterError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry write of an operator change. A change is applied to the cluster only after it is
 * durable, so a registry that fails leaves the master exactly as it was; the operator gets 503
 * and may retry, rather than a change that would silently vanish at the next failover.
 */
final class DurableChange {

    private static final Logger log = LoggerFactory.getLogger(DurableChange.class);

    private DurableChange() {
    }

    static void write(String what, Runnable write) {
        try {
            write.run();
        } catch (RuntimeException e) {
            log.error("Failed to store {} in the registry", what, e);
            throw new MasterError(MasterError.Code.UNAVAILABLE, "Failed to store " + what + " in the registry: "
                    + e.getMessage());
        }
    }
}
