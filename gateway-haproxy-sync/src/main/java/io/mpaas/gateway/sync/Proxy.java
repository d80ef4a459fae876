package io.mpaas.gateway.sync;

import java.util.List;

/**
 * HAProxy as the sync needs it: runtime commands, validation, an atomic write of the configuration,
 * and a confirmed reload. Implemented over the {@code haproxy} package; faked in scenario tests.
 */
public interface Proxy {

    /** Sends runtime-API commands; throws when HAProxy refused one of them. */
    void execute(List<String> commands);

    /** Checks a configuration with {@code haproxy -c} without using it. */
    Validation validate(String config);

    /** Replaces the configuration file atomically; the running proxy does not see it until a reload. */
    void write(String config);

    /** Reloads HAProxy and waits until a new worker confirms it. */
    Reload reload();

    /** The verdict of {@code haproxy -c}; {@code output} holds HAProxy's messages. */
    record Validation(boolean valid, String output) {
    }

    /**
     * The outcome of one reload.
     *
     * @param confirmed whether a new worker was seen running the new configuration
     */
    record Reload(boolean confirmed, int attempts, long millis, String message) {
    }
}
