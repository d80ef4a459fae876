package io.mpaas.marathon.store;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

class StoreConfigurationTest {

    @Test
    void anUnconfiguredDatabaseIsRefusedRatherThanAnInMemoryOneUsed() {
        assertThatThrownBy(() -> new StoreConfiguration(new JdbcTemplate(), new DataSourceTransactionManager(), " "))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Marathon's state needs a database: set spring.datasource.url (and username/password) to"
                        + " its PostgreSQL database, or run with the 'local' profile for an embedded one"
                        + " (./platform up)");
    }

    @Test
    void fewerThanTwoVersionsAreRefused() {
        assertThatThrownBy(() -> new StoreProperties(1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("marathon.store.max-versions must be at least 2 (a deployment needs its original and"
                        + " its target root), got 1");
    }
}
