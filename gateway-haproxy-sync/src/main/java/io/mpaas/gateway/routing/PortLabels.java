package io.mpaas.gateway.routing;

import io.mpaas.protocol.gateway.ProxyMode;
import java.util.List;

/**
 * The checked {@code HAPROXY_{n}_*} labels of one app port. A field is null (or empty, or false) when its
 * label is absent or was rejected: a rejected label counts as absent, so its default applies.
 *
 * @param groups          {@code HAPROXY_{n}_GROUP}, or null to inherit the app's {@code HAPROXY_GROUP}
 * @param vhosts          {@code HAPROXY_{n}_VHOST}, lower-cased DNS names in label order, no duplicates
 * @param path            {@code HAPROXY_{n}_PATH}, kept only together with a virtual host
 * @param bindPort        {@code HAPROXY_{n}_PORT}, the port bound instead of the service port
 * @param mode            {@code HAPROXY_{n}_MODE} as written; the port's mode also depends on vhosts and checks
 * @param redirectToHttps {@code HAPROXY_{n}_REDIRECT_TO_HTTPS}, kept only together with a virtual host
 */
record PortLabels(List<String> groups, List<String> vhosts, String path, Integer bindPort, ProxyMode mode,
        String balance, boolean sticky, boolean redirectToHttps, String sslCert, String bindAddress,
        Integer backendWeight) {

    /** A port without labels. */
    static final PortLabels NONE = new PortLabels(null, List.of(), null, null, null, null, false, false, null, null,
            null);

    PortLabels {
        groups = groups == null ? null : List.copyOf(groups);
        vhosts = vhosts == null ? List.of() : List.copyOf(vhosts);
    }

    /** Label name of this port's setting {@code suffix}, for problems: {@code HAPROXY_2_MODE}. */
    static String label(int portIndex, String suffix) {
        return "HAPROXY_" + portIndex + "_" + suffix;
    }
}
