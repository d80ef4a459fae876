/**
 * The Docker containerizer: runs tasks whose {@code container.type} is DOCKER through the
 * Docker engine's HTTP API (docker-java), the way Mesos's docker containerizer does with the
 * {@code docker} CLI. {@link io.mpaas.agent.docker.DockerContainerizer} makes the decisions
 * (container options, pulls, failures, recovery); {@link io.mpaas.agent.docker.DockerEngine}
 * is the narrow port to the engine, so that those decisions are tested against an in-memory
 * engine and only {@link io.mpaas.agent.docker.DockerJavaEngine} needs a real one.
 */
package io.mpaas.agent.docker;
