package io.mpaas.testkit.postgres;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One fresh {@link PostgresDatabase} per test class: created before the first test (or
 * earlier, on the first call of {@link #database()}), dropped after the last.
 *
 * <pre>{@code
 * @SpringBootTest
 * class AgentRegistryIT {
 *     @RegisterExtension
 *     static final PostgresDatabaseExtension postgres = new PostgresDatabaseExtension("master");
 *
 *     @DynamicPropertySource
 *     static void datasource(DynamicPropertyRegistry registry) {
 *         registry.add("spring.datasource.url", postgres::jdbcUrl);
 *         registry.add("spring.datasource.username", postgres::user);
 *         registry.add("spring.datasource.password", postgres::password);
 *     }
 * }
 * }</pre>
 *
 * <p>Register it on a {@code static} field: on an instance field JUnit never calls the
 * class-level callbacks, and the database would never be dropped. The creation is lazy
 * because Spring may resolve the {@code @DynamicPropertySource} suppliers before JUnit
 * calls {@link #beforeAll}, whatever the order the extensions were registered in.
 *
 * <p>The drop ends open connections, so Spring's cached context for the class is left with
 * a pool to a database that is gone. No other class reuses that context (its
 * {@code @DynamicPropertySource} methods are part of the cache key); add
 * {@code @DirtiesContext} if its pool's complaints in the log get in the way.
 */
public final class PostgresDatabaseExtension implements BeforeAllCallback, AfterAllCallback {

    private final String purpose;
    private PostgresDatabase database;

    /** @param purpose see {@link PostgresDatabase#create(String)} */
    public PostgresDatabaseExtension(String purpose) {
        this.purpose = purpose;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        database();
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (database != null) {
            database.close();
            database = null;
        }
    }

    /** This class's database, created on the first call. */
    public synchronized PostgresDatabase database() {
        if (database == null) {
            database = PostgresDatabase.create(purpose);
        }
        return database;
    }

    public String jdbcUrl() {
        return database().jdbcUrl();
    }

    public String user() {
        return database().user();
    }

    public String password() {
        return database().password();
    }
}
