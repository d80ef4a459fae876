package io.mpaas.marathon.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpaas.marathon.instance.Condition;
import io.mpaas.marathon.instance.Instance;
import io.mpaas.marathon.instance.InstanceRepository;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The instance contract on the JDBC store: on real PostgreSQL, and on H2 as local mode runs it. */
class JdbcInstanceRepositoryIT {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcInstanceRepositoryIT.class);

    @RegisterExtension
    static final MigratedDatabases DATABASES = new MigratedDatabases("marathon_instances");

    @Nested
    class OnPostgres extends InstanceRepositoryContract {

        @Override
        InstanceRepository repository() {
            DATABASES.postgres().empty();
            return new JdbcInstanceRepository(DATABASES.postgres().jdbc(), DATABASES.postgres().transactions());
        }

        /**
         * How long a launch burst's write takes (logged, not asserted: the machine is shared). The benchmark
         * launches 2,000+ instances a second, so a batch of a thousand must take milliseconds.
         */
        @Test
        void aThousandInstancesAreSavedInOneBatch() {
            InstanceRepository instances = repository();
            int rounds = 20;
            List<Double> inserts = new ArrayList<>();
            List<Double> updates = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                List<Instance> batch = scheduled(1_000);
                long start = System.nanoTime();
                instances.saveAll(batch);
                long inserted = System.nanoTime();
                instances.saveAll(batch.stream().map(i -> i.withCondition(Condition.PROVISIONED, T0)).toList());
                long updated = System.nanoTime();
                inserts.add((inserted - start) / 1e6);
                updates.add((updated - inserted) / 1e6);
            }
            Collections.sort(inserts);
            Collections.sort(updates);
            LOG.info("saveAll(1000 instances) on PostgreSQL over {} rounds: new instances min {} ms, median {} ms;"
                    + " known instances min {} ms, median {} ms", rounds, inserts.getFirst(), inserts.get(rounds / 2),
                    updates.getFirst(), updates.get(rounds / 2));
            assertThat(instances.all()).hasSize(rounds * 1_000)
                    .allMatch(i -> i.condition() == Condition.PROVISIONED);
        }
    }

    @Nested
    class OnLocalModeH2 extends InstanceRepositoryContract {

        @Override
        InstanceRepository repository() {
            DATABASES.h2().empty();
            return new JdbcInstanceRepository(DATABASES.h2().jdbc(), DATABASES.h2().transactions());
        }
    }
}
