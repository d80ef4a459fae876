package io.mpaas.marathon.store;

import io.mpaas.marathon.event.EventSubscriptionRepository;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The subscription contract on the JDBC store: on real PostgreSQL, and on H2 as local mode runs it. */
class JdbcEventSubscriptionRepositoryIT {

    @RegisterExtension
    static final MigratedDatabases DATABASES = new MigratedDatabases("marathon_subscriptions");

    abstract static class OnDatabase extends EventSubscriptionRepositoryContract {

        abstract MigratedDatabases.Migrated database();

        @Override
        EventSubscriptionRepository repository() {
            database().empty();
            return new JdbcEventSubscriptionRepository(database().jdbc());
        }

        @Override
        EventSubscriptionRepository restarted(EventSubscriptionRepository first) {
            return new JdbcEventSubscriptionRepository(database().jdbc());
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
