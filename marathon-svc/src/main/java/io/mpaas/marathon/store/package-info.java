/**
 * Marathon's durable state behind the feature ports ({@code GroupRepository}, {@code InstanceRepository},
 * {@code LaunchDelayRepository}, {@code DeploymentRepository}, {@code FrameworkIdRepository},
 * {@code EventSubscriptionRepository}): a JDBC implementation of each on the service's database (schema
 * {@code db/migration/V1__marathon_state.sql}, {@code V2__launch_delays.sql}),
 * and an in-memory one with the same behaviour for scheduler tests; one contract test per port runs on
 * both, the JDBC side on PostgreSQL and on local mode's H2.
 *
 * <p>Plain JDBC rather than JPA, against the house default, because what matters here is what JPA hides:
 * launch bursts write hundreds of instances as one batch of upserts, a root is replaced by a
 * compare-and-set on one row, pruning deletes by key lists; and the same code runs on PostgreSQL and H2
 * in fixture tests that need no Spring context. Stored bodies are this package's own records as JSON
 * ({@code StoredRoot}, {@code StoredInstance}, {@code StoredPlan}; apps as {@code MarathonJson}); none of
 * them leaves the package.
 */
package io.mpaas.marathon.store;
