package io.mpaas.marathon.store;

import com.zaxxer.hikari.HikariDataSource;
import io.mpaas.testkit.postgres.PostgresDatabase;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The two databases the JDBC stores run on, each migrated by Flyway from nothing, for one test class:
 * a fresh real PostgreSQL database, and H2 in PostgreSQL mode with local mode's settings. Both are made
 * on first use and dropped after the class. Register on a static field of the outer class; its nested
 * classes run the contracts on each database.
 */
final class MigratedDatabases implements AfterAllCallback {

    private final String purpose;
    private PostgresDatabase postgresDatabase;
    private Migrated postgres;
    private Migrated h2;

    MigratedDatabases(String purpose) {
        this.purpose = purpose;
    }

    /** A migrated database with the JDBC plumbing the stores take. */
    record Migrated(HikariDataSource dataSource, JdbcTemplate jdbc, PlatformTransactionManager transactions) {

        static Migrated of(String url, String user, String password) {
            HikariDataSource dataSource = new HikariDataSource();
            dataSource.setJdbcUrl(url);
            dataSource.setUsername(user);
            dataSource.setPassword(password);
            dataSource.setMaximumPoolSize(4);
            Flyway.configure().dataSource(dataSource).load().migrate();
            return new Migrated(dataSource, new JdbcTemplate(dataSource), new DataSourceTransactionManager(dataSource));
        }

        /** Back to the state right after the migration: no rows but the migration's own. */
        void empty() {
            jdbc.execute("delete from marathon_deployment");
            jdbc.execute("delete from marathon_root_version");
            jdbc.execute("delete from marathon_app_version");
            jdbc.execute("delete from marathon_instance");
            jdbc.execute("delete from marathon_launch_delay");
            jdbc.execute("delete from marathon_event_subscription");
            jdbc.execute("update marathon_current_root set version = null, revision = 0");
            jdbc.execute("update marathon_framework_id set framework_id = null");
        }
    }

    synchronized Migrated postgres() {
        if (postgres == null) {
            postgresDatabase = PostgresDatabase.create(purpose);
            postgres = Migrated.of(postgresDatabase.jdbcUrl(), postgresDatabase.user(), postgresDatabase.password());
        }
        return postgres;
    }

    /** H2 with the URL settings of local mode ({@code application-local.yml}), in memory. */
    synchronized Migrated h2() {
        if (h2 == null) {
            h2 = Migrated.of("jdbc:h2:mem:" + purpose + "_" + UUID.randomUUID()
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", "");
        }
        return h2;
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (context.getRequiredTestClass().getEnclosingClass() != null) {
            return;
        }
        if (postgres != null) {
            postgres.dataSource().close();
            postgres = null;
        }
        if (postgresDatabase != null) {
            postgresDatabase.close();
            postgresDatabase = null;
        }
        if (h2 != null) {
            h2.dataSource().close();
            h2 = null;
        }
    }
}
