package io.mpaas.master.registry;

import io.mpaas.testkit.postgres.PostgresDatabaseExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestConstructor;

/**
 * The registry contract on real PostgreSQL, schema by Flyway and validated by Hibernate
 * ({@code ddl-auto=validate}), exactly as the master runs it.
 */
@DataJpaTest(properties = {"spring.jpa.hibernate.ddl-auto=validate", "spring.flyway.enabled=true"})
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import(RegistryConfiguration.class)
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
@DirtiesContext
class JpaRegistryIT extends RegistryContract {

    @RegisterExtension
    static final PostgresDatabaseExtension POSTGRES = new PostgresDatabaseExtension("registry");

    private final Registry registry;
    private final JdbcTemplate jdbc;

    JpaRegistryIT(Registry registry, JdbcTemplate jdbc) {
        this.registry = registry;
        this.jdbc = jdbc;
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry properties) {
        properties.add("spring.datasource.url", () -> POSTGRES.database().jdbcUrl());
        properties.add("spring.datasource.username", () -> POSTGRES.database().user());
        properties.add("spring.datasource.password", () -> POSTGRES.database().password());
    }

    /**
     * Starts each test on empty tables. The contract's tests are inherited, and Spring looks for
     * a test transaction on the class that declares the method, so they run (and commit) outside one.
     */
    @BeforeEach
    void emptyTables() {
        jdbc.execute("delete from registry_agent; delete from registry_weight; delete from registry_quota;"
                + " delete from registry_maintenance");
    }

    @Override
    Registry registry() {
        return registry;
    }
}
