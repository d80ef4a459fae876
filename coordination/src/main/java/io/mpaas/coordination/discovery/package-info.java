/**
 * Service discovery on ZooKeeper (DESIGN.md, "Finding each other"): with ZooKeeper configured, every service
 * registers itself through Spring Cloud Zookeeper discovery under {@code /mpaas/services/<name>}, and marks in its
 * registration whether it currently leads, so clients (the gateway, the console) find the instances and the leader
 * in one place. Without ZooKeeper nothing registers and clients use their configured URLs.
 *
 * <p>{@link io.mpaas.coordination.discovery.DiscoveryEnvironment} switches Spring Cloud Zookeeper on exactly when
 * {@code mpaas.discovery.zk} holds a {@code zk://} URL (each service points it at its own ZooKeeper setting);
 * {@link io.mpaas.coordination.discovery.DiscoveryAutoConfiguration} gives it a client built like every other
 * client of ours (same credentials and ACLs) and a {@link io.mpaas.coordination.discovery.LeaderFlag}.
 * Mesos's own {@code json.info_} layout stays the way frameworks and agents find the master: Mesos-aware tools
 * read only that.
 */
package io.mpaas.coordination.discovery;
