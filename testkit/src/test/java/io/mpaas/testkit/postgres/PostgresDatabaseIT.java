package io.mpaas.testkit.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Against the real server of the environment: run scripts/test-env.sh first. */
class PostgresDatabaseIT {

    @RegisterExtension
    static final PostgresDatabaseExtension postgres = new PostgresDatabaseExtension("testkit_it");

    @Test
    void createsAnEmptyDatabaseThatTakesATableAndIsDroppedOnClose() throws SQLException {
        PostgresDatabase database = PostgresDatabase.create("testkit");
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            assertThat(count(statement, "select count(*) from pg_tables where schemaname = 'public'")).isZero();

            statement.execute("create table agent (id text primary key, cpus numeric not null)");
            statement.execute("insert into agent values ('a1', 2.5)");

            assertThat(count(statement, "select count(*) from agent")).isEqualTo(1);
        }
        assertThat(exists(database)).isTrue();

        database.close();

        assertThat(exists(database)).isFalse();
        database.close(); // a second close does nothing
    }

    @Test
    void closeDropsTheDatabaseEvenWhileAConnectionIsOpen() throws SQLException {
        PostgresDatabase database = PostgresDatabase.create("testkit");
        try (Connection leftOpen = database.connect()) {
            database.close();

            assertThat(exists(database)).isFalse();
            assertThat(leftOpen.isValid(2)).isFalse();
        }
    }

    @Test
    void eachDatabaseIsSeparate() throws SQLException {
        try (PostgresDatabase other = PostgresDatabase.create("testkit")) {
            try (Connection connection = postgres.database().connect(); Statement statement = connection.createStatement()) {
                statement.execute("create table if not exists only_here (id int)");
            }
            try (Connection connection = other.connect(); Statement statement = connection.createStatement()) {
                assertThat(count(statement, "select count(*) from pg_tables where tablename = 'only_here'")).isZero();
            }
        }
    }

    @Test
    void theExtensionHandsOutItsDatabaseAndItsLogin() throws SQLException {
        assertThat(postgres.jdbcUrl()).startsWith("jdbc:postgresql:").contains(postgres.database().name());
        assertThat(postgres.user()).isEqualTo(PostgresServer.fromEnvironment().user());
        try (Connection connection = postgres.database().connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select current_database()")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo(postgres.database().name());
        }
    }

    @Test
    void anUnreachableServerSaysToRunTheSetupScript() {
        PostgresServer nowhere = new PostgresServer("jdbc:postgresql://localhost:1/mpaas", "mpaas", "mpaas", "the local test cluster");

        assertThatThrownBy(() -> PostgresDatabase.create("testkit", nowhere))
                .isInstanceOf(PostgresUnavailableException.class)
                .hasMessageContaining("scripts/test-env.sh")
                .hasMessageContaining("MPAAS_TEST_JDBC_URL");
    }

    private static boolean exists(PostgresDatabase database) throws SQLException {
        try (Connection admin = database.server().connect();
             var statement = admin.prepareStatement("select 1 from pg_database where datname = ?")) {
            statement.setString(1, database.name());
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static long count(Statement statement, String sql) throws SQLException {
        try (ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
