package io.mpaas.gateway.render;

import io.mpaas.protocol.gateway.VhostRoute;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the shared virtual-host frontends: {@code marathon_http_in} (routes by the Host header) when
 * there is any route, and {@code marathon_https_in} (routes by SNI) when there is any route and a
 * certificate to serve. HAProxy takes the first {@code use_backend} whose condition holds, so routes are
 * written by weight, highest first, and in the table's order within a weight (a stable sort).
 */
final class VhostFrontends {

    private final TemplateLibrary templates;
    private final RenderSettings settings;

    VhostFrontends(TemplateLibrary templates, RenderSettings settings) {
        this.templates = templates;
        this.settings = settings;
    }

    void write(List<VhostRoute> routes, StringBuilder out) {
        if (routes.isEmpty()) {
            return;
        }
        List<VhostRoute> ordered = new ArrayList<>(routes);
        ordered.sort(Comparator.comparingInt(VhostRoute::weight).reversed());
        writeHttp(ordered, out);
        Set<String> certs = certificates(ordered);
        if (!certs.isEmpty()) {
            writeHttps(ordered, certs, out);
        }
    }

    private void writeHttp(List<VhostRoute> routes, StringBuilder out) {
        out.append(fill(ConfigTemplate.HAPROXY_HTTP_FRONTEND_HEAD, Map.of(
                "bindAddress", HaproxyToken.quote("gateway.render.bind-address", null, settings.bindAddress()),
                "httpPort", Integer.toString(settings.httpPort()))));
        List<String> conditions = acls(routes, ConfigTemplate.HAPROXY_HTTP_FRONTEND_ACL, "host_", out);
        for (int i = 0; i < routes.size(); i++) {
            VhostRoute r = routes.get(i);
            if (r.redirectToHttps()) {
                out.append(fill(ConfigTemplate.HAPROXY_HTTP_FRONTEND_REDIRECT,
                        Map.of("backend", backend(r), "condition", conditions.get(i))));
            }
        }
        // Redirects first: HAProxy runs http-request rules before use_backend whatever their order,
        // and warns when the file says otherwise.
        for (int i = 0; i < routes.size(); i++) {
            out.append(fill(ConfigTemplate.HAPROXY_HTTP_FRONTEND_ROUTE,
                    Map.of("backend", backend(routes.get(i)), "condition", conditions.get(i))));
        }
    }

    private void writeHttps(List<VhostRoute> routes, Set<String> certs, StringBuilder out) {
        StringBuilder crt = new StringBuilder();
        for (String cert : certs) {
            crt.append(crt.isEmpty() ? "" : " ").append("crt ").append(cert);
        }
        out.append(fill(ConfigTemplate.HAPROXY_HTTPS_FRONTEND_HEAD, Map.of(
                "bindAddress", HaproxyToken.quote("gateway.render.bind-address", null, settings.bindAddress()),
                "httpsPort", Integer.toString(settings.httpsPort()),
                "certs", crt.toString())));
        List<String> conditions = acls(routes, ConfigTemplate.HAPROXY_HTTPS_FRONTEND_ACL, "sni_", out);
        for (int i = 0; i < routes.size(); i++) {
            out.append(fill(ConfigTemplate.HAPROXY_HTTPS_FRONTEND_ROUTE,
                    Map.of("backend", backend(routes.get(i)), "condition", conditions.get(i))));
        }
    }

    /**
     * Writes one ACL per distinct host (with {@code hostAcl}) and per distinct path, and returns each
     * route's condition, in the routes' order.
     */
    private List<String> acls(List<VhostRoute> routes, ConfigTemplate hostAcl, String hostPrefix, StringBuilder out) {
        AclNames hosts = new AclNames(hostPrefix);
        AclNames paths = new AclNames("path_");
        List<String> conditions = new ArrayList<>(routes.size());
        for (VhostRoute r : routes) {
            String condition = hosts.name(r.host(), (acl, host) -> out.append(fill(hostAcl, Map.of(
                    "aclName", acl, "host", HaproxyToken.quote("virtual host", r.appId(), host)))));
            if (r.path() != null) {
                condition += " " + paths.name(r.path(), (acl, path) -> out.append(fill(ConfigTemplate.HAPROXY_PATH_ACL,
                        Map.of("aclName", acl, "path", HaproxyToken.quote("path of " + r.host(), r.appId(), path)))));
            }
            conditions.add(condition);
        }
        return conditions;
    }

    /** The default certificate first (served to clients without SNI), then the routes' in order. */
    private Set<String> certificates(List<VhostRoute> routes) {
        Set<String> certs = new LinkedHashSet<>();
        if (settings.defaultSslCert() != null) {
            certs.add(HaproxyToken.quote("gateway.render.default-ssl-cert", null, settings.defaultSslCert()));
        }
        for (VhostRoute r : routes) {
            if (r.sslCert() != null && !r.sslCert().isBlank()) {
                certs.add(HaproxyToken.quote("ssl cert of " + r.host(), r.appId(), r.sslCert()));
            }
        }
        return certs;
    }

    private static String backend(VhostRoute r) {
        return HaproxyToken.quote("backend of " + r.host(), r.appId(), r.backend());
    }

    private String fill(ConfigTemplate name, Map<String, String> values) {
        return templates.get(name).render(values);
    }

    /**
     * ACL names for the values of one kind, one per distinct value. A name is the prefix and the value
     * (a path without its leading {@code /}) with characters HAProxy does not allow in ACL names replaced
     * by {@code _}; two values that come out alike get
     * {@code _2}, {@code _3}, ... in order of appearance (two ACLs of one name would be OR-ed together).
     */
    private static final class AclNames {

        private final String prefix;
        private final Map<String, String> byValue = new LinkedHashMap<>();
        private final Set<String> taken = new HashSet<>();

        AclNames(String prefix) {
            this.prefix = prefix;
        }

        /** The value's ACL name; {@code declare} is called with name and value the first time only. */
        String name(String value, java.util.function.BiConsumer<String, String> declare) {
            String known = byValue.get(value);
            if (known != null) {
                return known;
            }
            String plain = value.startsWith("/") ? value.substring(1) : value;
            String base = prefix + plain.replaceAll("[^A-Za-z0-9_.:-]", "_");
            String name = base;
            for (int n = 2; !taken.add(name); n++) {
                name = base + "_" + n;
            }
            byValue.put(value, name);
            declare.accept(name, value);
            return name;
        }
    }
}
