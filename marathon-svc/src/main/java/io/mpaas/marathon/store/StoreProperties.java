package io.mpaas.marathon.store;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Marathon's durable state ({@code marathon.store.*}).
 *
 * @param maxVersions versions kept of the root group and of each app (Marathon's {@code --zk_max_versions});
 *                    older ones are pruned unless the current root or a running deployment needs them.
 *                    Enough to roll back a while, few enough that the history does not slow reads down
 *                    (Marathon once took 2 s for {@code /v2/apps} over 1000 group versions). At least 2.
 */
@ConfigurationProperties("marathon.store")
public record StoreProperties(@DefaultValue("50") int maxVersions) {

    public StoreProperties {
        if (maxVersions < 2) {
            throw new IllegalArgumentException("marathon.store.max-versions must be at least 2 (a deployment"
                    + " needs its original and its target root), got " + maxVersions);
        }
    }
}
