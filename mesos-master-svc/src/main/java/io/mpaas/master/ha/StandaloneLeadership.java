package io.mpaas.master.ha;

import io.mpaas.master.cluster.Cluster;
import io.mpaas.protocol.mesos.MasterInfo;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Without ZooKeeper the master is always the leader: its term begins once the web server is up
 * (the last lifecycle phase, so the port is known) and ends first at shutdown, closing every
 * stream before the web server's graceful shutdown would wait on them.
 */
@Component
@ConditionalOnExpression("'${mesos.master.zk:}'.isBlank()")
public class StandaloneLeadership implements SmartLifecycle, LeaderLocator {

    private final MasterTerm term;
    private final MasterIdentity identity;
    private final Cluster cluster;
    private volatile boolean running;

    public StandaloneLeadership(MasterTerm term, MasterIdentity identity, Cluster cluster) {
        this.term = term;
        this.identity = identity;
        this.cluster = cluster;
    }

    @Override
    public void start() {
        running = true;
        term.begin(identity.newTermInfo());
    }

    @Override
    public void stop() {
        running = false;
        term.end();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public Optional<MasterInfo> leader() {
        return Optional.ofNullable(cluster.locked(cluster::masterInfo));
    }
}
