package io.mpaas.protocol.mesos.master;

import io.mpaas.protocol.mesos.Resource;
import java.util.List;

/**
 * Mesos's legacy {@code quota.QuotaRequest}, the body of {@code POST /master/quota} and of the
 * deprecated SET_QUOTA: a guarantee (also the limit) for one role. {@code force} skips the check
 * that guarantees fit into the cluster.
 */
public record QuotaRequest(Boolean force, String role, List<Resource> guarantee) {

    public QuotaRequest {
        guarantee = guarantee == null ? List.of() : List.copyOf(guarantee);
    }

    public boolean isForced() {
        return Boolean.TRUE.equals(force);
    }
}
