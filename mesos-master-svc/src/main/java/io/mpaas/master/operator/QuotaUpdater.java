package io.mpaas.master.operator;

import io.mpaas.master.MasterError;
import io.mpaas.master.allocator.HierarchicalAllocator;
import io.mpaas.master.allocator.Quota;
import io.mpaas.master.cluster.Cluster;
import io.mpaas.master.offer.OfferBook;
import io.mpaas.master.registry.QuotaConfig;
import io.mpaas.master.registry.Registry;
import io.mpaas.protocol.mesos.OfferId;
import io.mpaas.protocol.mesos.master.QuotaRequest;
import io.mpaas.protocol.mesos.master.QuotaStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.stereotype.Component;

/**
 * Changes quotas: UPDATE_QUOTA (guarantees and limits), and the legacy {@code POST /master/quota},
 * {@code DELETE /master/quota/{role}}, SET_QUOTA and REMOVE_QUOTA (a guarantee that is also the
 * limit). All or nothing: every config is validated ({@link QuotaValidator}), then written to the
 * registry (undone if a later write fails), then applied to the cluster and the allocator.
 * Outstanding offers are rescinded so that the next cycle allocates under the new quotas.
 */
@Component
public class QuotaUpdater {

    private final StateReader reader;
    private final Registry registry;
    private final HierarchicalAllocator allocator;
    private final OfferBook offers;
    /** One change at a time: validation reads the quotas that the previous change wrote. */
    private final ReentrantLock changes = new ReentrantLock();

    public QuotaUpdater(StateReader reader, Registry registry, HierarchicalAllocator allocator, OfferBook offers) {
        this.reader = reader;
        this.registry = registry;
        this.allocator = allocator;
        this.offers = offers;
    }

    public QuotaStatus status() {
        Cluster cluster = reader.cluster();
        return V1Assembler.quota(cluster.locked(() -> cluster.quotas()));
    }

    /** UPDATE_QUOTA; {@code force} skips the checks against consumption and cluster capacity. */
    public void update(List<io.mpaas.protocol.mesos.master.QuotaConfig> configs, boolean force) {
        changes.lock();
        try {
            QuotaValidator validator = new QuotaValidator(reader.snapshot());
            Map<String, QuotaConfig> updates = validator.updates(configs, force);
            store(updates);
        } finally {
            changes.unlock();
        }
    }

    /** {@code POST /master/quota} and SET_QUOTA: a new quota whose guarantee is also its limit. */
    public void set(QuotaRequest request) {
        changes.lock();
        try {
            QuotaValidator validator = new QuotaValidator(reader.snapshot());
            store(Map.of(request.role(), validator.legacy(request)));
        } finally {
            changes.unlock();
        }
    }

    /**
     * {@code DELETE /master/quota/{role}} and REMOVE_QUOTA.
     *
     * @param path the request path, named in the error as Mesos does; null for the v1 call
     */
    public void remove(String role, String path) {
        changes.lock();
        try {
            Cluster cluster = reader.cluster();
            if (!cluster.locked(() -> cluster.quotas().containsKey(role))) {
                throw MasterError.badRequest((path == null ? "Failed to remove quota" : "Failed to remove quota for path '"
                        + path + "'") + ": Role '" + role + "' has no quota set");
            }
            store(Map.of(role, QuotaConfig.NONE));
        } finally {
            changes.unlock();
        }
    }

    private void store(Map<String, QuotaConfig> updates) {
        Cluster cluster = reader.cluster();
        Map<String, QuotaConfig> before = new HashMap<>(cluster.locked(() -> cluster.quotas()));
        List<String> written = new ArrayList<>();
        try {
            for (Map.Entry<String, QuotaConfig> e : updates.entrySet()) {
                DurableChange.write("the quota of role '" + e.getKey() + "'",
                        () -> registry.updateQuota(e.getKey(), e.getValue()));
                written.add(e.getKey());
            }
        } catch (MasterError e) {
            // Undo what was written, so that a failover does not find half of the change.
            for (String role : written) {
                registry.updateQuota(role, before.getOrDefault(role, QuotaConfig.NONE));
            }
            throw e;
        }
        cluster.locked(() -> {
            if (!cluster.isLeading()) {
                return; // stored; the next leader reads it from the registry
            }
            Map<String, QuotaConfig> quotas = new LinkedHashMap<>(cluster.quotas());
            updates.forEach((role, quota) -> {
                if (quota.isEmpty()) {
                    quotas.remove(role);
                    allocator.updateQuota(role, Quota.NONE);
                } else {
                    quotas.put(role, quota);
                    allocator.updateQuota(role, new Quota(quota.guarantee(), quota.limit()));
                }
            });
            cluster.quotas(quotas);
            for (OfferId offer : new ArrayList<>(cluster.offers().keySet())) {
                offers.rescind(offer, true);
            }
        });
    }
}
