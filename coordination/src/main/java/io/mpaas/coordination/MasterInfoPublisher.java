package io.mpaas.coordination;

import java.util.List;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.api.transaction.CuratorTransactionResult;
import org.apache.curator.framework.api.transaction.OperationType;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.OpResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the elected master's {@code json.info_} node the way Mesos tools expect it, and keeps it the only one.
 *
 * <p>Every write is fenced: it runs in one ZooKeeper transaction with a check that our latch node still exists.
 * While it exists no other candidate can be elected (the latch orders candidates by their nodes, and ours was
 * the lowest), so a leader that was already deposed but has not heard of it yet, after a long GC pause say,
 * can neither publish nor delete the new leader's node.
 */
final class MasterInfoPublisher {

    private static final Logger log = LoggerFactory.getLogger(MasterInfoPublisher.class);

    private final CuratorFramework client;
    private final String groupPath;

    MasterInfoPublisher(CuratorFramework client, String groupPath) {
        this.client = client;
        this.groupPath = groupPath;
    }

    /**
     * Publishes {@code data} as this leader's {@code json.info_} node and deletes every other one.
     *
     * <p>Stale nodes (of a deposed leader that could not clean up, or of our own create that was retried after
     * a connection loss) are deleted both before and after the create: before, so that the lowest node never
     * names a stale leader while ours is on its way; after, to remove duplicates the create itself left.
     *
     * @param latchNode the latch node that won the election, the fence
     * @return the full path of the created node
     * @throws LeadershipLostException when the fence fails: another candidate may be leading
     * @throws Exception               ZooKeeper errors (connection loss after retries, no auth, ...)
     */
    String publish(String latchNode, byte[] data) throws Exception {
        ensureGroupPath();
        deleteOthers(latchNode, null);
        String node = create(latchNode, data);
        deleteOthers(latchNode, node);
        return node;
    }

    /**
     * Deletes our node without waiting, and keeps retrying across connection losses until it is gone (Curator's
     * guaranteed delete); a node that is already gone, with its session say, counts as deleted.
     */
    void withdraw(String node) {
        if (node == null) {
            return;
        }
        try {
            client.delete().quietly().guaranteed().inBackground().forPath(node);
        } catch (Exception e) {
            // Only when the client is already closed: its session, and our ephemeral node with it, are gone.
            log.debug("Could not withdraw {}: {}", node, e.toString());
        }
    }

    private void ensureGroupPath() throws Exception {
        if (client.checkExists().forPath(groupPath) == null) {
            try {
                client.create().creatingParentsIfNeeded().forPath(groupPath);
            } catch (KeeperException.NodeExistsException raced) {
                // Another candidate created it first.
            }
        }
    }

    private String create(String latchNode, byte[] data) throws Exception {
        try {
            List<CuratorTransactionResult> results = client.transaction().forOperations(
                    fence(latchNode),
                    client.transactionOp().create().withMode(CreateMode.EPHEMERAL_SEQUENTIAL)
                            .forPath(MesosZkLayout.infoPrefix(groupPath), data));
            return results.stream()
                    .filter(result -> result.getType() == OperationType.CREATE)
                    .map(CuratorTransactionResult::getResultPath)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("ZooKeeper returned no created node"));
        } catch (KeeperException e) {
            throw fenceFailed(e) ? new LeadershipLostException(latchNode, e) : e;
        }
    }

    private void deleteOthers(String latchNode, String keep) throws Exception {
        List<String> children = client.getChildren().forPath(groupPath);
        for (String child : MesosZkLayout.infoNodesInOrder(children)) {
            String node = ZKPaths.makePath(groupPath, child);
            if (node.equals(keep)) {
                continue;
            }
            try {
                client.transaction().forOperations(fence(latchNode), client.transactionOp().delete().forPath(node));
                log.info("Deleted stale leader node {}", node);
            } catch (KeeperException e) {
                if (fenceFailed(e)) {
                    throw new LeadershipLostException(latchNode, e);
                }
                if (e.code() != KeeperException.Code.NONODE) {
                    throw e;
                }
            }
        }
    }

    private CuratorOp fence(String latchNode) throws Exception {
        return client.transactionOp().check().forPath(latchNode);
    }

    /** The check on the latch node failed (first op of the transaction), or the whole session is gone. */
    private static boolean fenceFailed(KeeperException e) {
        if (e.code() == KeeperException.Code.SESSIONEXPIRED) {
            return true;
        }
        List<OpResult> results = e.getResults();
        return results != null && !results.isEmpty()
                && results.getFirst() instanceof OpResult.ErrorResult error
                && error.getErr() != KeeperException.Code.OK.intValue();
    }

    /** Our latch node is gone: this process may no longer be the leader and must not write the group. */
    static final class LeadershipLostException extends Exception {

        LeadershipLostException(String latchNode, Throwable cause) {
            super("latch node " + latchNode + " is gone", cause);
        }
    }
}
