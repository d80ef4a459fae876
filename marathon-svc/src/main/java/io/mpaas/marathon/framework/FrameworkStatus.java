package io.mpaas.marathon.framework;

import java.util.Optional;

/** The framework's registration with the master, for {@code /v2/info}. */
public interface FrameworkStatus {

    Optional<String> frameworkId();

    /** The master this marathon is subscribed to ({@code host:port}), if it is. */
    Optional<String> master();
}
