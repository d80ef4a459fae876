package io.mpaas.marathon.fake;

import io.mpaas.marathon.framework.FrameworkStatus;
import java.util.Optional;

/** Registered with a fixed id at a fixed master, or not registered. */
public record FakeFrameworkStatus(String id, String masterHostPort) implements FrameworkStatus {

    @Override
    public Optional<String> frameworkId() {
        return Optional.ofNullable(id);
    }

    @Override
    public Optional<String> master() {
        return Optional.ofNullable(masterHostPort);
    }
}
