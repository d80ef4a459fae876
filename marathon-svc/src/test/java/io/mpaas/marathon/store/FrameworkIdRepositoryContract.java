package io.mpaas.marathon.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpaas.marathon.framework.FrameworkIdRepository;
import org.junit.jupiter.api.Test;

/** What every {@link FrameworkIdRepository} must do, run against the in-memory store and the JDBC one. */
abstract class FrameworkIdRepositoryContract {

    /** A new, empty store. */
    abstract FrameworkIdRepository repository();

    /** Another store on the same database, as a newly elected marathon has. */
    abstract FrameworkIdRepository restarted(FrameworkIdRepository first);

    @Test
    void theIdIsSetReplacedAndCleared() {
        FrameworkIdRepository ids = repository();
        assertThat(ids.get()).isEmpty();

        ids.set("4f6a2b7e-1c3d-4e5f-8a9b-0c1d2e3f4a5b-0001");
        assertThat(restarted(ids).get()).contains("4f6a2b7e-1c3d-4e5f-8a9b-0c1d2e3f4a5b-0001");

        ids.set("4f6a2b7e-1c3d-4e5f-8a9b-0c1d2e3f4a5b-0002");
        assertThat(ids.get()).contains("4f6a2b7e-1c3d-4e5f-8a9b-0c1d2e3f4a5b-0002");

        ids.clear();
        assertThat(restarted(ids).get()).isEmpty();
        ids.clear();
        assertThat(ids.get()).isEmpty();
    }
}
