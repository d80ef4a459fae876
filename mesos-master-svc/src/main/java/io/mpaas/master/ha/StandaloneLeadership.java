package io.mpaas.master.ha;

import io.mpaas.master.cluster.Cluster;
import io.mpaas.protocol.mesos.MasterInfo;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Without ZooKeeper the master is always the leader: its term begins as soon as the application
 * is ready (the HTTP port is known) and it is its own leader for redirects.
 */
@Component
@ConditionalOnExpression("'${mesos.master.zk:}'.isBlank()")
public class StandaloneLeadership implements ApplicationListener<ApplicationReadyEvent>, LeaderLocator {

    private final MasterTerm term;
    private final MasterIdentity identity;
    private final Cluster cluster;

    public StandaloneLeadership(MasterTerm term, MasterIdentity identity, Cluster cluster) {
        this.term = term;
        this.identity = identity;
        this.cluster = cluster;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        term.begin(identity.newTermInfo());
    }

    @Override
    public Optional<MasterInfo> leader() {
        return Optional.ofNullable(cluster.locked(cluster::masterInfo));
    }
}
