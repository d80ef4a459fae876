package io.mpaas.gateway.marathon;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the gateway finds marathon in service discovery (used only when the gateway runs with
 * {@code mpaas.discovery.zk}; otherwise {@code gateway.marathon.urls} alone).
 *
 * @param serviceId the name marathon registers under: its {@code spring.application.name}, {@code marathon}
 */
@ConfigurationProperties("gateway.marathon.discovery")
public record MarathonDiscoverySettings(String serviceId) {

    public MarathonDiscoverySettings {
        serviceId = serviceId == null || serviceId.isBlank() ? "marathon" : serviceId.strip();
    }
}
