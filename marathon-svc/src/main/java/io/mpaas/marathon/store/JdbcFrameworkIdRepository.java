package io.mpaas.marathon.store;

import io.mpaas.marathon.framework.FrameworkIdRepository;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The framework id in the service's database: one row, created by the migration, whose id column is
 * null while marathon has none. Each call is one statement; the last writer wins, which is what
 * re-registration wants (the master hands out one id per framework).
 */
public final class JdbcFrameworkIdRepository implements FrameworkIdRepository {

    private final JdbcTemplate jdbc;

    public JdbcFrameworkIdRepository(JdbcTemplate jdbc) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
    }

    @Override
    public Optional<String> get() {
        return Optional.ofNullable(jdbc.queryForObject("select framework_id from marathon_framework_id where id = 1",
                String.class));
    }

    @Override
    public void set(String frameworkId) {
        Objects.requireNonNull(frameworkId, "frameworkId");
        jdbc.update("update marathon_framework_id set framework_id = ? where id = 1", frameworkId);
    }

    @Override
    public void clear() {
        jdbc.update("update marathon_framework_id set framework_id = null where id = 1");
    }
}
