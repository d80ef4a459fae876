package io.mpaas.protocol.marathon;

/** A URI the Mesos fetcher downloads into the sandbox before the task starts. */
public record Fetch(String uri, Boolean extract, Boolean executable, Boolean cache, String destPath) {
}
