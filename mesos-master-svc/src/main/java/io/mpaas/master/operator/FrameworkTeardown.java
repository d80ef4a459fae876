package io.mpaas.master.operator;

import io.mpaas.master.MasterError;
import io.mpaas.master.cluster.Cluster;
import io.mpaas.master.cluster.Framework;
import io.mpaas.master.framework.FrameworkLifecycle;
import io.mpaas.master.security.Acls;
import io.mpaas.protocol.mesos.FrameworkId;
import org.springframework.stereotype.Component;

/**
 * An operator tears a framework down ({@code POST /master/teardown}, TEARDOWN): its tasks are
 * killed and it may never subscribe again. The ACL {@code teardown_frameworks} decides who may
 * tear down whose frameworks, by the principal the framework registered with.
 */
@Component
public class FrameworkTeardown {

    private final Cluster cluster;
    private final FrameworkLifecycle lifecycle;
    private final Acls acls;

    public FrameworkTeardown(Cluster cluster, FrameworkLifecycle lifecycle, Acls acls) {
        this.cluster = cluster;
        this.lifecycle = lifecycle;
        this.acls = acls;
    }

    /**
     * @param principal the authenticated operator
     * @throws MasterError BAD_REQUEST for an unknown framework (as Mesos), FORBIDDEN when the ACLs say no
     */
    public void teardown(FrameworkId id, String principal) {
        cluster.locked(() -> {
            if (!cluster.isLeading()) {
                throw new MasterError(MasterError.Code.UNAVAILABLE, "Not the leading master");
            }
            Framework framework = cluster.frameworks().get(id);
            if (framework == null) {
                throw MasterError.badRequest("No framework found with specified ID");
            }
            String owner = framework.principal() != null ? framework.principal() : framework.info().principal();
            if (!acls.mayTeardown(principal, owner)) {
                throw MasterError.forbidden("Principal '" + principal + "' is not authorized to tear down framework "
                        + id + (owner == null ? "" : " of principal '" + owner + "'"));
            }
            lifecycle.remove(framework, "torn down by operator '" + principal + "'");
        });
    }
}
