package io.mpaas.testkit.postgres;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * A PostgreSQL server the tests may create databases on: a JDBC URL to an existing database
 * there, and a login allowed to {@code CREATE DATABASE}.
 *
 * <p>Where it comes from ({@link #fromEnvironment()}): {@code MPAAS_TEST_JDBC_URL} (with
 * {@code MPAAS_TEST_JDBC_USER} and {@code MPAAS_TEST_JDBC_PASSWORD}, or {@code user} and
 * {@code password} parameters in the URL) wins, so that a CI service container or a
 * Testcontainers-managed server can be plugged in; otherwise the local cluster that
 * {@code scripts/test-env.sh} sets up, {@code localhost:5432} as {@code mpaas/mpaas}.
 *
 * @param jdbcUrl  a {@code jdbc:postgresql:} URL naming a database that exists (the admin database)
 * @param user     the login
 * @param password its password
 * @param source   where these came from, for error messages
 */
public record PostgresServer(String jdbcUrl, String user, String password, String source) {

    public static final String URL_VARIABLE = "MPAAS_TEST_JDBC_URL";
    public static final String USER_VARIABLE = "MPAAS_TEST_JDBC_USER";
    public static final String PASSWORD_VARIABLE = "MPAAS_TEST_JDBC_PASSWORD";

    /** The cluster of {@code scripts/test-env.sh}. */
    public static final PostgresServer LOCAL = new PostgresServer(
            "jdbc:postgresql://localhost:5432/mpaas", "mpaas", "mpaas", "the local test cluster");

    /**
     * Long enough for a loaded machine to accept a connection, short enough that a missing
     * server is reported at once instead of hanging every test class in turn.
     */
    static final int CONNECT_TIMEOUT_SECONDS = 5;

    private static final String PREFIX = "jdbc:postgresql:";

    public PostgresServer {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(source, "source");
        if (!jdbcUrl.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + jdbcUrl);
        }
    }

    /** The server named by the environment, else {@link #LOCAL}. */
    public static PostgresServer fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    static PostgresServer fromEnvironment(Map<String, String> env) {
        String url = env.get(URL_VARIABLE);
        if (url == null || url.isBlank()) {
            return LOCAL;
        }
        String user = firstNonBlank(env.get(USER_VARIABLE), urlParameter(url, "user"));
        String password = firstNonBlank(env.get(PASSWORD_VARIABLE), urlParameter(url, "password"));
        if (user == null) {
            throw new PostgresUnavailableException(URL_VARIABLE + " is set but no user is given: set "
                    + USER_VARIABLE + " (and " + PASSWORD_VARIABLE + ") or put user= in the URL");
        }
        return new PostgresServer(url.strip(), user, password == null ? "" : password, URL_VARIABLE);
    }

    /**
     * Connects to the admin database.
     *
     * @throws PostgresUnavailableException when the server cannot be reached or refuses the
     *                                      login, saying how to get one
     */
    public Connection connect() {
        try {
            return connect(jdbcUrl);
        } catch (SQLException e) {
            throw new PostgresUnavailableException(unavailableMessage(e), e);
        }
    }

    Connection connect(String url) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        properties.setProperty("loginTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        return DriverManager.getConnection(url, properties);
    }

    /**
     * The JDBC URL of another database on this server: same hosts and parameters, the
     * database name replaced.
     */
    public String jdbcUrlOf(String database) {
        String rest = jdbcUrl.substring(PREFIX.length());
        int query = rest.indexOf('?');
        String parameters = query < 0 ? "" : rest.substring(query);
        String location = query < 0 ? rest : rest.substring(0, query);
        if (!location.startsWith("//")) {
            // jdbc:postgresql:database, on the default host and port
            return PREFIX + database + parameters;
        }
        int slash = location.indexOf('/', 2);
        String hosts = slash < 0 ? location : location.substring(0, slash);
        return PREFIX + hosts + "/" + database + parameters;
    }

    private String unavailableMessage(SQLException e) {
        String how = source.equals(URL_VARIABLE)
                ? "Check " + URL_VARIABLE + ", " + USER_VARIABLE + " and " + PASSWORD_VARIABLE
                        + ", or unset them to use the local test cluster."
                : "Run scripts/test-env.sh (as root, on Debian) to install and start it, or set "
                        + URL_VARIABLE + ", " + USER_VARIABLE + " and " + PASSWORD_VARIABLE
                        + " to a server whose user may CREATE DATABASE.";
        return "No PostgreSQL for the tests: cannot connect to " + withoutPassword(jdbcUrl) + " as " + user
                + " (" + source + "): " + e.getMessage().replaceFirst("\\.*$", "") + ". " + how;
    }

    private static String urlParameter(String url, String name) {
        int query = url.indexOf('?');
        if (query < 0) {
            return null;
        }
        for (String pair : url.substring(query + 1).split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).equals(name)) {
                return URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    static String withoutPassword(String url) {
        return url.replaceAll("(?i)([?&]password=)[^&]*", "$1***");
    }

    private static String firstNonBlank(String first, String second) {
        if (first != null && !first.isBlank()) {
            return first;
        }
        return second == null || second.isBlank() ? null : second;
    }

    /** Keeps the password out of test reports and logs. */
    @Override
    public String toString() {
        return "PostgresServer[" + withoutPassword(jdbcUrl) + " as " + user + ", from " + source + "]";
    }
}
