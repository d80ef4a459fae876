package io.mpaas.marathon.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpaas.marathon.app.MarathonTime;
import io.mpaas.marathon.instance.Condition;
import io.mpaas.marathon.instance.Instance;
import io.mpaas.marathon.instance.InstanceRepository;
import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.MarathonJson;
import io.mpaas.protocol.marathon.VersionInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/** The instance contract on the JDBC store: on real PostgreSQL, and on H2 as local mode runs it. */
class JdbcInstanceRepositoryIT {

    private static final Instant CONFIGURED = Instant.parse("2026-02-01T00:00:00Z");

    /** A body as marathon wrote it before instances kept their configuration version, at app version T0. */
    private static String bodyBeforeConfigVersions(String uuid) {
        String id = "prod_web.instance-" + uuid;
        return "{\"instanceId\":\"" + id + "\",\"appId\":\"/prod/web\",\"runSpecVersion\":\""
                + MarathonTime.format(InstanceRepositoryContract.T0) + "\",\"goal\":\"RUNNING\","
                + "\"condition\":\"SCHEDULED\",\"since\":\"2026-03-01T10:00:09.000Z\",\"incarnation\":0,"
                + "\"hostPorts\":[],\"servicePorts\":[],\"ipAddresses\":[],\"healthResults\":[]}";
    }

    /**
     * Rows written before configuration versions were kept: one of an app version that was a scale of an
     * earlier configuration, one of an app version no longer stored. Both still load, the first with the
     * configuration of its app version.
     */
    private static void oldRowsLoadWithTheConfigurationOfTheirAppVersion(MigratedDatabases.Migrated database) {
        database.empty();
        JdbcTemplate jdbc = database.jdbc();
        App scaled = App.withId("/prod/web").toBuilder().cmd("sleep 1").instances(3)
                .version(MarathonTime.format(InstanceRepositoryContract.T0))
                .versionInfo(new VersionInfo(MarathonTime.format(InstanceRepositoryContract.T0),
                        MarathonTime.format(CONFIGURED))).build();
        jdbc.update("insert into marathon_app_version (app_id, version, body) values (?, ?, ?)", "/prod/web",
                JdbcGroupRepository.timestamp(InstanceRepositoryContract.T0), MarathonJson.write(scaled));
        jdbc.update("insert into marathon_instance (instance_id, app_id, body) values (?, ?, ?)",
                "prod_web.instance-1", "/prod/web", bodyBeforeConfigVersions("1"));
        jdbc.update("insert into marathon_instance (instance_id, app_id, body) values (?, ?, ?)",
                "tools_cron.instance-2", "/tools/cron", bodyBeforeConfigVersions("2")
                        .replace("prod_web.instance-2", "tools_cron.instance-2").replace("/prod/web", "/tools/cron"));

        List<Instance> loaded = new JdbcInstanceRepository(jdbc, database.transactions()).all();

        assertThat(loaded).filteredOn(i -> i.instanceId().equals("prod_web.instance-1")).singleElement()
                .satisfies(i -> assertThat(i.configVersion()).isEqualTo(CONFIGURED));
        assertThat(loaded).filteredOn(i -> i.instanceId().equals("tools_cron.instance-2")).singleElement()
                .satisfies(i -> assertThat(i.configVersion()).isEqualTo(InstanceRepositoryContract.T0));
    }

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

        @Test
        void oldRowsLoadWithTheConfigurationOfTheirAppVersion() {
            JdbcInstanceRepositoryIT.oldRowsLoadWithTheConfigurationOfTheirAppVersion(DATABASES.postgres());
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

        @Test
        void oldRowsLoadWithTheConfigurationOfTheirAppVersion() {
            JdbcInstanceRepositoryIT.oldRowsLoadWithTheConfigurationOfTheirAppVersion(DATABASES.h2());
        }
    }
}
