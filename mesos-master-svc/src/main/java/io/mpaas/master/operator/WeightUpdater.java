package io.mpaas.master.operator;

import io.mpaas.master.MasterError;
import io.mpaas.master.allocator.HierarchicalAllocator;
import io.mpaas.master.cluster.Cluster;
import io.mpaas.master.cluster.Framework;
import io.mpaas.master.framework.RoleNames;
import io.mpaas.master.offer.OfferBook;
import io.mpaas.master.registry.Registry;
import io.mpaas.protocol.mesos.OfferId;
import io.mpaas.protocol.mesos.master.WeightInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.stereotype.Component;

/**
 * Changes role weights ({@code PUT /master/weights}, UPDATE_WEIGHTS), all or nothing: every entry
 * is validated first, then the registry is written (so a failover keeps the weights), then the
 * cluster and the allocator take them. Outstanding offers are rescinded when a role in use
 * changes weight, as in Mesos, so that the next cycle shares by the new weights at once.
 */
@Component
public class WeightUpdater {

    private final Cluster cluster;
    private final Registry registry;
    private final HierarchicalAllocator allocator;
    private final OfferBook offers;
    /** One change at a time, so that two changes cannot interleave their registry and cluster writes. */
    private final ReentrantLock changes = new ReentrantLock();

    public WeightUpdater(Cluster cluster, Registry registry, HierarchicalAllocator allocator, OfferBook offers) {
        this.cluster = cluster;
        this.registry = registry;
        this.allocator = allocator;
        this.offers = offers;
    }

    /**
     * @throws MasterError BAD_REQUEST naming the first invalid entry; nothing changes then
     */
    public void update(List<WeightInfo> infos) {
        Map<String, Double> updates = validate(infos);
        changes.lock();
        try {
            DurableChange.write("weights", () -> registry.updateWeights(updates));
            cluster.locked(() -> {
                if (!cluster.isLeading()) {
                    return; // stored; the next leader reads it from the registry
                }
                Map<String, Double> weights = new LinkedHashMap<>(cluster.weights());
                weights.putAll(updates);
                cluster.weights(weights);
                allocator.updateWeights(weights);
                if (rolesInUse(updates.keySet())) {
                    for (OfferId offer : new ArrayList<>(cluster.offers().keySet())) {
                        offers.rescind(offer, true);
                    }
                }
            });
        } finally {
            changes.unlock();
        }
    }

    /** Role to weight; Mesos's messages, so that scripts written against Mesos recognise them. */
    static Map<String, Double> validate(List<WeightInfo> infos) {
        Map<String, Double> updates = new LinkedHashMap<>();
        for (WeightInfo info : infos) {
            if (info == null) {
                throw MasterError.badRequest("Failed to validate update weights request JSON: null entry");
            }
            String role = info.role() == null ? "" : info.role().trim();
            Optional<String> invalid = RoleNames.validate(role);
            if (invalid.isPresent()) {
                throw MasterError.badRequest("Failed to validate update weights request JSON: Invalid role '" + role
                        + "': " + invalid.get());
            }
            if (info.weight() == null) {
                throw MasterError.badRequest("Failed to validate update weights request JSON for role '" + role
                        + "': Expecting 'weight' to be present");
            }
            double weight = info.weight();
            if (!(weight > 0) || Double.isInfinite(weight)) {
                throw MasterError.badRequest("Failed to validate update weights request JSON for role '" + role
                        + "': Invalid weight '" + V0Writer.stringify(weight) + "': Weights must be positive");
            }
            updates.put(role, weight);
        }
        return updates;
    }

    private boolean rolesInUse(java.util.Set<String> roles) {
        for (Framework f : cluster.frameworks().values()) {
            for (String role : f.roles()) {
                if (roles.contains(role)) {
                    return true;
                }
            }
        }
        return false;
    }
}
