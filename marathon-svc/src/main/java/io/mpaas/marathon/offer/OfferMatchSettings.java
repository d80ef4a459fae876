package io.mpaas.marathon.offer;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How offers are used ({@code marathon.offer.*}).
 *
 * @param maxInstancesPerOffer at most this many launches from one offer (Marathon's
 *     {@code --max_instances_per_offer}, default 5): more fills agents faster, fewer spreads a
 *     burst of launches over more agents before constraints like GROUP_BY have data
 * @param frameworkRole the role marathon subscribes with; apps without {@code role} run in it
 * @param defaultAcceptedResourceRoles the reservation roles an app without
 *     {@code acceptedResourceRoles} may use (Marathon's {@code --default_accepted_resource_roles});
 *     {@code *} means unreserved resources
 */
@ConfigurationProperties("marathon.offer")
public record OfferMatchSettings(
        @DefaultValue("5") int maxInstancesPerOffer,
        @DefaultValue("*") String frameworkRole,
        @DefaultValue("*") List<String> defaultAcceptedResourceRoles) {

    public OfferMatchSettings {
        if (maxInstancesPerOffer < 1) {
            throw new IllegalArgumentException("maxInstancesPerOffer must be at least 1, not " + maxInstancesPerOffer);
        }
        frameworkRole = frameworkRole == null || frameworkRole.isBlank() ? "*" : frameworkRole;
        defaultAcceptedResourceRoles = defaultAcceptedResourceRoles == null || defaultAcceptedResourceRoles.isEmpty()
                ? List.of("*") : List.copyOf(defaultAcceptedResourceRoles);
    }

    /** Marathon's defaults: 5 launches per offer, role {@code *}, unreserved resources only. */
    public static OfferMatchSettings defaults() {
        return new OfferMatchSettings(5, "*", List.of("*"));
    }
}
