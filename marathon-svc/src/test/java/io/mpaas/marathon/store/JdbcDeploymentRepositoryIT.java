package io.mpaas.marathon.store;

import io.mpaas.marathon.deployment.DeploymentRepository;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The deployment contract on the JDBC stores: on real PostgreSQL, and on H2 as local mode runs it. */
class JdbcDeploymentRepositoryIT {

    @RegisterExtension
    static final MigratedDatabases DATABASES = new MigratedDatabases("marathon_deployments");

    abstract static class OnDatabase extends DeploymentRepositoryContract {

        private int maxVersions;

        abstract MigratedDatabases.Migrated database();

        @Override
        Stores stores(int max) {
            maxVersions = max;
            database().empty();
            JdbcGroupRepository groups = new JdbcGroupRepository(database().jdbc(), database().transactions(), max);
            return new Stores(groups, new JdbcDeploymentRepository(database().jdbc(), groups));
        }

        /** A fresh group store too, so the plans' roots are read from the database and not from memory. */
        @Override
        DeploymentRepository restarted(Stores stores) {
            return new JdbcDeploymentRepository(database().jdbc(),
                    new JdbcGroupRepository(database().jdbc(), database().transactions(), maxVersions));
        }
    }

    @Nested
    class OnPostgres extends OnDatabase {
        @Override
        MigratedDatabases.Migrated database() {
            return DATABASES.postgres();
        }
    }

    @Nested
    class OnLocalModeH2 extends OnDatabase {
        @Override
        MigratedDatabases.Migrated database() {
            return DATABASES.h2();
        }
    }
}
