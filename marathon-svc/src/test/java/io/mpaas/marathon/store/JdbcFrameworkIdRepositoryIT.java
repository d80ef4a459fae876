package io.mpaas.marathon.store;

import io.mpaas.marathon.framework.FrameworkIdRepository;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The framework id contract on the JDBC store: on real PostgreSQL, and on H2 as local mode runs it. */
class JdbcFrameworkIdRepositoryIT {

    @RegisterExtension
    static final MigratedDatabases DATABASES = new MigratedDatabases("marathon_framework_id");

    abstract static class OnDatabase extends FrameworkIdRepositoryContract {

        abstract MigratedDatabases.Migrated database();

        @Override
        FrameworkIdRepository repository() {
            database().empty();
            return new JdbcFrameworkIdRepository(database().jdbc());
        }

        @Override
        FrameworkIdRepository restarted(FrameworkIdRepository first) {
            return new JdbcFrameworkIdRepository(database().jdbc());
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
