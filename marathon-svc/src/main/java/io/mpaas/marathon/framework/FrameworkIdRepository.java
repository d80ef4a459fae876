package io.mpaas.marathon.framework;

import java.util.Optional;

/** The framework id the master gave marathon: kept so a restarted or new leader takes its tasks back. */
public interface FrameworkIdRepository {

    Optional<String> get();

    void set(String frameworkId);

    /** Forgets the id (the master removed the framework; a new one must be registered). */
    void clear();
}
