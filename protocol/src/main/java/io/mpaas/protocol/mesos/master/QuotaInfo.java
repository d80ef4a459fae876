package io.mpaas.protocol.mesos.master;

import io.mpaas.protocol.mesos.Resource;
import java.util.List;

/**
 * Mesos's legacy {@code quota.QuotaInfo}: a role's guarantee as scalar resources, where the
 * guarantee is also the limit. Still returned next to {@link QuotaConfig} by {@code GET /master/quota}
 * and GET_QUOTA, because older tools read only this.
 */
public record QuotaInfo(String role, String principal, List<Resource> guarantee) {

    public QuotaInfo {
        guarantee = guarantee == null ? List.of() : List.copyOf(guarantee);
    }
}
