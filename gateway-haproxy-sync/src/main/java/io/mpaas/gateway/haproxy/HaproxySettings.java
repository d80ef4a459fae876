package io.mpaas.gateway.haproxy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the gateway reaches HAProxy. Every path left unset is placed in {@link #runDir()}, so one setting
 * ({@code gateway.haproxy.run-dir}) is enough for a managed HAProxy.
 *
 * @param mode              {@link Mode#MANAGED} to start and supervise HAProxy ourselves, {@link Mode#ATTACHED}
 *                          when something else (systemd, a container) runs it and we only use its sockets
 * @param binary            the haproxy executable, used for {@code -c} validation and (managed) to run it
 * @param runDir            holds the config, its archived versions, the sockets and the pid file
 * @param configPath        the config HAProxy loads; reloads re-read this file
 * @param adminSocket       unix socket of the runtime API; the config must declare it {@code level admin}
 * @param masterSocket      unix socket of the master CLI ({@code -S}); managed mode passes it on the command line
 * @param pidFile           written by HAProxy ({@code -p}); for operators only, we never read it
 * @param validateTimeout   {@code haproxy -c} on a huge config takes about a second (20k backends); past this
 *                          something is wrong and we would rather report it than hang the sync loop
 * @param reloadTimeout     how long one reload may take to show a new worker in {@code show proc} before we send
 *                          the reload again: the master CLI's {@code reload} is fire-and-forget
 * @param reloadAttempts    how many times a reload is sent before the reload is reported failed
 * @param restartBackoff    first wait before restarting a managed HAProxy that died; doubles on each quick death
 * @param restartBackoffMax cap of that doubling, so a crash loop costs at most one start per this period
 * @param startTimeout      how long a (re)started HAProxy may take to show a worker in {@code show proc}
 * @param stopTimeout       how long {@code stop()} waits after SIGTERM before it kills HAProxy
 * @param socketTimeout     one answer on a CLI socket; HAProxy answers in microseconds unless it is stuck
 */
@ConfigurationProperties("gateway.haproxy")
public record HaproxySettings(
        Mode mode,
        String binary,
        Path runDir,
        Path configPath,
        Path adminSocket,
        Path masterSocket,
        Path pidFile,
        Duration validateTimeout,
        Duration reloadTimeout,
        Integer reloadAttempts,
        Duration restartBackoff,
        Duration restartBackoffMax,
        Duration startTimeout,
        Duration stopTimeout,
        Duration socketTimeout) {

    /** Who owns the HAProxy process. */
    public enum Mode {
        /** We start HAProxy as our child in master-worker mode and restart it when it dies. */
        MANAGED,
        /** HAProxy runs elsewhere; we only write its config and talk to its sockets. */
        ATTACHED
    }

    public HaproxySettings {
        mode = Objects.requireNonNullElse(mode, Mode.MANAGED);
        binary = Objects.requireNonNullElse(binary, "haproxy");
        runDir = Objects.requireNonNullElseGet(runDir,
                () -> Path.of(System.getProperty("java.io.tmpdir"), "mpaas-gateway-haproxy"));
        configPath = Objects.requireNonNullElse(configPath, runDir.resolve("haproxy.cfg"));
        adminSocket = Objects.requireNonNullElse(adminSocket, runDir.resolve("admin.sock"));
        masterSocket = Objects.requireNonNullElse(masterSocket, runDir.resolve("master.sock"));
        pidFile = Objects.requireNonNullElse(pidFile, runDir.resolve("haproxy.pid"));
        validateTimeout = Objects.requireNonNullElse(validateTimeout, Duration.ofSeconds(10));
        reloadTimeout = Objects.requireNonNullElse(reloadTimeout, Duration.ofSeconds(10));
        reloadAttempts = Objects.requireNonNullElse(reloadAttempts, 5);
        restartBackoff = Objects.requireNonNullElse(restartBackoff, Duration.ofSeconds(1));
        restartBackoffMax = Objects.requireNonNullElse(restartBackoffMax, Duration.ofSeconds(30));
        startTimeout = Objects.requireNonNullElse(startTimeout, Duration.ofSeconds(10));
        stopTimeout = Objects.requireNonNullElse(stopTimeout, Duration.ofSeconds(10));
        socketTimeout = Objects.requireNonNullElse(socketTimeout, Duration.ofSeconds(5));
        if (reloadAttempts < 1) {
            throw new IllegalArgumentException("gateway.haproxy.reload-attempts must be at least 1");
        }
        // Linux limits a unix socket path to 107 bytes; fail at startup, not at the first connect.
        for (Path socket : new Path[] {adminSocket, masterSocket}) {
            if (socket.toString().getBytes().length > 107) {
                throw new IllegalArgumentException("unix socket path too long (max 107 bytes): " + socket);
            }
        }
    }

    /** All defaults, everything under {@code runDir}. */
    public static HaproxySettings under(Path runDir, Mode mode) {
        return new HaproxySettings(mode, null, runDir, null, null, null, null,
                null, null, null, null, null, null, null, null);
    }
}
