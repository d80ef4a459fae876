/**
 * Leader election and leader detection on ZooKeeper, in Mesos's own layout so that Mesos-aware tools
 * (agents, Marathon, mesos-dns, mesos-go) find our leader and our clients find theirs.
 *
 * <p>{@link io.mpaas.coordination.ZkUrl} reads the {@code zk://} URL operators already use,
 * {@link io.mpaas.coordination.CuratorClientFactory} turns it into a client configured for leadership,
 * {@link io.mpaas.coordination.LeaderElector} runs a master in the election and publishes its MasterInfo while it
 * leads, and {@link io.mpaas.coordination.MasterDetector} tells everyone else who leads. Services that are not Mesos
 * masters (Marathon) run the same election on a bare latch ({@link io.mpaas.coordination.LeaderElector#onLatch}) and
 * find its leader with {@link io.mpaas.coordination.LatchLeaderDetector}. Plain Java: the services wire these as
 * beans.
 */
package io.mpaas.coordination;
