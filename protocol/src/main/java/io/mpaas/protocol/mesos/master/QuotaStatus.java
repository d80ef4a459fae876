package io.mpaas.protocol.mesos.master;

import java.util.List;

/**
 * Mesos's {@code quota.QuotaStatus}: every role's quota, in the current form ({@code configs})
 * and the legacy one ({@code infos}). The body of {@code GET /master/quota} and of GET_QUOTA.
 */
public record QuotaStatus(List<QuotaInfo> infos, List<QuotaConfig> configs) {

    public QuotaStatus {
        infos = infos == null ? List.of() : List.copyOf(infos);
        configs = configs == null ? List.of() : List.copyOf(configs);
    }
}
