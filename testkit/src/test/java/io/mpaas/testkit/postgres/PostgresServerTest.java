package io.mpaas.testkit.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PostgresServerTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            jdbc:postgresql://localhost:5432/mpaas                  | jdbc:postgresql://localhost:5432/other
            jdbc:postgresql://localhost/mpaas?sslmode=disable      | jdbc:postgresql://localhost/other?sslmode=disable
            jdbc:postgresql://db1:5432,db2:5433/postgres?a=1&b=2    | jdbc:postgresql://db1:5432,db2:5433/other?a=1&b=2
            jdbc:postgresql://localhost:5432                        | jdbc:postgresql://localhost:5432/other
            jdbc:postgresql://localhost:5432/?user=x                | jdbc:postgresql://localhost:5432/other?user=x
            jdbc:postgresql:mpaas                                   | jdbc:postgresql:other
            """)
    void theUrlOfAnotherDatabaseKeepsHostsAndParameters(String adminUrl, String expected) {
        PostgresServer server = new PostgresServer(adminUrl, "u", "p", "test");

        assertThat(server.jdbcUrlOf("other")).isEqualTo(expected);
    }

    @Test
    void withoutTheVariablesItIsTheLocalTestCluster() {
        assertThat(PostgresServer.fromEnvironment(Map.of())).isEqualTo(PostgresServer.LOCAL);
        assertThat(PostgresServer.LOCAL.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/mpaas");
        assertThat(PostgresServer.LOCAL.user()).isEqualTo("mpaas");
        assertThat(PostgresServer.LOCAL.password()).isEqualTo("mpaas");
    }

    @Test
    void aUrlFromTheEnvironmentWins() {
        PostgresServer server = PostgresServer.fromEnvironment(Map.of(
                "MPAAS_TEST_JDBC_URL", "jdbc:postgresql://ci-db:5432/postgres",
                "MPAAS_TEST_JDBC_USER", "ci",
                "MPAAS_TEST_JDBC_PASSWORD", "secret"));

        assertThat(server).isEqualTo(new PostgresServer(
                "jdbc:postgresql://ci-db:5432/postgres", "ci", "secret", "MPAAS_TEST_JDBC_URL"));
    }

    @Test
    void credentialsMayRideInTheUrl() {
        PostgresServer server = PostgresServer.fromEnvironment(Map.of(
                "MPAAS_TEST_JDBC_URL", "jdbc:postgresql://ci-db/postgres?user=ci&password=s%26cret"));

        assertThat(server.user()).isEqualTo("ci");
        assertThat(server.password()).isEqualTo("s&cret");
        assertThat(server.toString()).doesNotContain("s%26cret").contains("password=***");
    }

    @Test
    void aUrlWithoutAnyUserIsRejectedWithTheVariableToSet() {
        assertThatThrownBy(() -> PostgresServer.fromEnvironment(Map.of("MPAAS_TEST_JDBC_URL", "jdbc:postgresql://ci-db/postgres")))
                .isInstanceOf(PostgresUnavailableException.class)
                .hasMessageContaining("MPAAS_TEST_JDBC_USER");
    }

    @Test
    void databaseNamesAreUniqueLowerCaseIdentifiers() {
        String first = PostgresDatabase.uniqueName("Marathon Apps!");
        String second = PostgresDatabase.uniqueName("Marathon Apps!");

        assertThat(first).matches("mpaas_marathon_apps__[0-9a-f]{12}").isNotEqualTo(second);
        assertThat(PostgresDatabase.uniqueName("x".repeat(100))).hasSizeLessThanOrEqualTo(63);
    }
}
