package io.mpaas.agent.machine;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What the agent offers, in Mesos's notation.
 *
 * @param resources overrides of the detected resources by name, e.g.
 *     {@code cpus:4;mem:8192;disk:40000;ports:[31000-32000]}; {@code name(role):value} reserves
 *     statically for a role ({@code cpus(web):1}), taken out of the unreserved amount
 * @param attributes {@code rack:r1;zone:west}, for placement constraints
 */
@ConfigurationProperties("mesos.agent")
public record MachineProperties(String resources, String attributes) {
}
