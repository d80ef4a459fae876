package io.mpaas.gateway.haproxy;

import java.time.Duration;

/**
 * The outcome of {@code haproxy -c} on a candidate config.
 *
 * @param valid    HAProxy accepted the config (exit code 0)
 * @param exitCode haproxy's exit code, or -1 when it had to be killed after the timeout
 * @param output   everything haproxy printed (stdout and stderr); on failure it names the file line and problem
 * @param took     how long the check ran
 */
public record Validation(boolean valid, int exitCode, String output, Duration took) {
}
