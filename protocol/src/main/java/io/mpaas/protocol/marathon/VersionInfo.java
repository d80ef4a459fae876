package io.mpaas.protocol.marathon;

/**
 * When an app last changed: {@code lastScalingAt} on any change, scaling included;
 * {@code lastConfigChangeAt} on changes other than scaling. Output only.
 */
public record VersionInfo(String lastScalingAt, String lastConfigChangeAt) {
}
