package io.mpaas.gateway.sync;

import io.mpaas.gateway.haproxy.ReloadResult;
import io.mpaas.gateway.haproxy.Validation;
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
    ReloadResult reload();
}
