/**
 * The containerizer contract: what the agent asks of Docker and of plain processes, and
 * what it gets back. Implementations live in {@code io.mpaas.agent.docker} and
 * {@code io.mpaas.agent.process}.
 */
package io.mpaas.agent.container;
