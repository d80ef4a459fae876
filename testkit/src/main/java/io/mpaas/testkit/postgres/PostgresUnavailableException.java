package io.mpaas.testkit.postgres;

/**
 * No PostgreSQL server can be reached for the tests, or it refuses what they need. The
 * message says how to get one (scripts/test-env.sh, or the MPAAS_TEST_JDBC_* variables).
 *
 * <p>A failure rather than a skipped test: a store test that silently skips lets a green
 * build hide an untested store on a machine where the setup step was forgotten.
 */
public class PostgresUnavailableException extends IllegalStateException {

    public PostgresUnavailableException(String message) {
        super(message);
    }

    public PostgresUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
