package io.mpaas.master.e2e;

import io.mpaas.testkit.postgres.PostgresDatabase;
import io.mpaas.testkit.process.ServiceProcess;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The master's jar as its own process on a fresh PostgreSQL database, as the end-to-end tests here run it. */
final class MasterOnPostgres implements AutoCloseable {

    private final PostgresDatabase database;
    private final ServiceProcess master;

    private MasterOnPostgres(PostgresDatabase database, ServiceProcess master) {
        this.database = database;
        this.master = master;
    }

    /**
     * Starts the master named {@code name} (its work directory under {@code target/}) on a new database
     * {@code databaseName}, with {@code arguments} after the datasource's, and waits until it is healthy.
     */
    static MasterOnPostgres start(String name, String databaseName, List<String> arguments) throws Exception {
        PostgresDatabase database = PostgresDatabase.create(databaseName);
        try {
            List<String> all = new ArrayList<>(List.of(
                    "--spring.datasource.url=" + database.jdbcUrl(),
                    "--spring.datasource.username=" + database.user(),
                    "--spring.datasource.password=" + database.password()));
            all.addAll(arguments);
            ServiceProcess master = ServiceProcess.master(Path.of("."), name, all);
            try {
                master.awaitHealthy(Duration.ofMinutes(3));
            } catch (Exception | AssertionError e) {
                master.close();
                throw e;
            }
            return new MasterOnPostgres(database, master);
        } catch (Exception | AssertionError e) {
            database.close();
            throw e;
        }
    }

    URI uri() {
        return master.uri();
    }

    @Override
    public void close() throws Exception {
        try {
            master.close();
        } finally {
            database.close();
        }
    }
}
