package io.mpaas.testkit.postgres;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * A fresh, empty, uniquely named PostgreSQL database for one test class (or one test),
 * dropped again by {@link #close()}. Each use gets its own database, so test classes never
 * see each other's rows or schema, and Flyway migrates from nothing every time.
 *
 * <pre>{@code
 * try (PostgresDatabase db = PostgresDatabase.create("master")) {
 *     // db.jdbcUrl(), db.user(), db.password() -> spring.datasource.*
 * }
 * }</pre>
 *
 * <p>In JUnit 5 classes, {@link PostgresDatabaseExtension} does the create and the drop.
 * The server is {@link PostgresServer#fromEnvironment()}: {@code MPAAS_TEST_JDBC_URL} when
 * set, else the local cluster of {@code scripts/test-env.sh}.
 */
public final class PostgresDatabase implements AutoCloseable {

    /** PostgreSQL cuts identifiers at 63 bytes; the purpose keeps what the suffix leaves. */
    private static final int MAX_PURPOSE_LENGTH = 40;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PostgresServer server;
    private final String name;
    private final String jdbcUrl;
    private boolean dropped;

    private PostgresDatabase(PostgresServer server, String name) {
        this.server = server;
        this.name = name;
        this.jdbcUrl = server.jdbcUrlOf(name);
    }

    /**
     * Creates a database named {@code mpaas_<purpose>_<random>} on the server of the environment.
     *
     * @param purpose a word saying who uses it ("master", "marathon_apps"), for whoever finds
     *                the database while a test runs
     * @throws PostgresUnavailableException when no server answers or it refuses to create one
     */
    public static PostgresDatabase create(String purpose) {
        return create(purpose, PostgresServer.fromEnvironment());
    }

    /** As {@link #create(String)}, on the given server. */
    public static PostgresDatabase create(String purpose, PostgresServer server) {
        Objects.requireNonNull(server, "server");
        PostgresDatabase database = new PostgresDatabase(server, uniqueName(purpose));
        try (Connection admin = server.connect(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + quoted(database.name));
        } catch (SQLException e) {
            throw new PostgresUnavailableException("Cannot create database " + database.name + " on "
                    + server + ": " + e.getMessage() + ". The user needs CREATEDB"
                    + " (scripts/test-env.sh grants it to mpaas).", e);
        }
        return database;
    }

    static String uniqueName(String purpose) {
        String word = Objects.requireNonNull(purpose, "purpose").toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9_]+", "_");
        if (word.length() > MAX_PURPOSE_LENGTH) {
            word = word.substring(0, MAX_PURPOSE_LENGTH);
        }
        byte[] suffix = new byte[6];
        RANDOM.nextBytes(suffix);
        return "mpaas_" + word + "_" + HexFormat.of().formatHex(suffix);
    }

    /** The database's name, unique on its server. */
    public String name() {
        return name;
    }

    /** The JDBC URL of this database, for {@code spring.datasource.url}. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** The login, for {@code spring.datasource.username}; it owns the database. */
    public String user() {
        return server.user();
    }

    /** The password, for {@code spring.datasource.password}. */
    public String password() {
        return server.password();
    }

    /** The server the database lives on. */
    public PostgresServer server() {
        return server;
    }

    /** A new connection to this database; the caller closes it. */
    public Connection connect() throws SQLException {
        return server.connect(jdbcUrl);
    }

    /**
     * Drops the database, also while connections to it are still open (a cached Spring
     * context keeps a pool): {@code WITH (FORCE)} ends them. Ending an autovacuum worker that
     * happens to be in the database needs {@code pg_signal_backend} (scripts/test-env.sh grants
     * it); without it, a plain drop is tried once more, which stops autovacuum by itself.
     * Calling it again does nothing.
     */
    @Override
    public synchronized void close() {
        if (dropped) {
            return;
        }
        try (Connection admin = server.connect(); Statement statement = admin.createStatement()) {
            try {
                statement.execute("DROP DATABASE IF EXISTS " + quoted(name) + " WITH (FORCE)");
            } catch (SQLException forceRefused) {
                statement.execute("DROP DATABASE IF EXISTS " + quoted(name));
            }
            dropped = true;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot drop test database " + name + " on " + server
                    + ": " + e.getMessage(), e);
        }
    }

    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    @Override
    public String toString() {
        return "PostgresDatabase[" + name + " on " + server + "]";
    }
}
