package io.mpaas.marathon.store;

import io.mpaas.marathon.launch.LaunchDelayRepository;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The launch delay contract on the JDBC store: on real PostgreSQL, and on H2 as local mode runs it. */
class JdbcLaunchDelayRepositoryIT {

    @RegisterExtension
    static final MigratedDatabases DATABASES = new MigratedDatabases("marathon_launch_delays");

    abstract static class OnDatabase extends LaunchDelayRepositoryContract {

        abstract MigratedDatabases.Migrated database();

        @Override
        LaunchDelayRepository repository() {
            database().empty();
            return new JdbcLaunchDelayRepository(database().jdbc(), database().transactions());
        }

        @Override
        LaunchDelayRepository restarted(LaunchDelayRepository first) {
            return new JdbcLaunchDelayRepository(database().jdbc(), database().transactions());
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
