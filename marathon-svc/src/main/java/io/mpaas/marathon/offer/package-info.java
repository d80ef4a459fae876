/**
 * Offer matching: which waiting instances a Mesos offer can launch, and the TaskInfo each one
 * becomes.
 *
 * <p>{@link io.mpaas.marathon.offer.OfferMatcher} walks the waiting instances in order and
 * claims resources from one offer cumulatively (cpus, mem, disk, gpus, host ports, limited to
 * the app's accepted resource roles), checks placement constraints with the
 * {@link io.mpaas.marathon.offer.ConstraintEvaluator}, and turns every fit into a
 * {@link io.mpaas.marathon.offer.Launch} built by the {@link io.mpaas.marathon.offer.TaskFactory}.
 * What did not fit is counted per app and reason for {@code /v2/queue}.
 * {@link io.mpaas.marathon.offer.ServicePorts} gives apps their cluster-unique service ports
 * before they are stored.
 *
 * <p>A launched instance carries its agent's facts (hostname, fault domain, attributes), which the
 * constraints of later instances count it by. Everything here is pure apart from
 * {@link io.mpaas.marathon.offer.AgentAttributes}, the memory of each agent's facts from its offers,
 * asked only for instances stored before they carried their own.
 */
package io.mpaas.marathon.offer;
