package io.mpaas.protocol.mesos;

/** The role a resource is allocated (offered) to. */
public record AllocationInfo(String role) {
}
