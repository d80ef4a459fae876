package io.mpaas.marathon.store;

import io.mpaas.marathon.group.GroupRepository;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The group contract on the JDBC store: on real PostgreSQL, and on H2 as local mode runs it. */
class JdbcGroupRepositoryIT {

    @RegisterExtension
    static final MigratedDatabases DATABASES = new MigratedDatabases("marathon_groups");

    /** Each repository remembers its own current root; a second one on the same database is a second marathon. */
    abstract static class OnDatabase extends GroupRepositoryContract {

        private int maxVersions;

        abstract MigratedDatabases.Migrated database();

        @Override
        GroupRepository repository(int max) {
            maxVersions = max;
            database().empty();
            return secondWriter(null);
        }

        @Override
        GroupRepository secondWriter(GroupRepository first) {
            return new JdbcGroupRepository(database().jdbc(), database().transactions(), maxVersions);
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
