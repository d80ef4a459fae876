package io.mpaas.gateway.routing;

import io.mpaas.protocol.gateway.AppProblem;
import io.mpaas.protocol.gateway.ProxyMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one app's marathon-lb labels. A label that is unknown, unsupported, for a port the app does not have,
 * or malformed becomes one {@link AppProblem} and is ignored, so its default applies: a typo in one label
 * must not keep the app, let alone other apps, from being routed. Labels not starting with {@code HAPROXY_}
 * belong to others and are passed over in silence.
 */
final class LabelReader {

    private static final String PREFIX = "HAPROXY_";
    private static final Pattern PORT_LABEL = Pattern.compile("HAPROXY_([0-9]{1,5})_(.+)", Pattern.DOTALL);

    /** marathon-lb features this gateway leaves out: each needs free HAProxy text or a different design. */
    private static final Set<String> UNSUPPORTED_PORT_LABELS = Set.of("ENABLED", "AUTH", "USE_HSTS", "BIND_OPTIONS",
            "BACKEND_HEALTHCHECK_PORT_INDEX", "BACKEND_NETWORK_ALLOWED_ACL", "HTTP_BACKEND_PROXYPASS_PATH",
            "HTTP_BACKEND_REVPROXY_PATH", "HTTP_BACKEND_REDIR");

    /** Name shapes of marathon-lb's per-port template overrides ({@code HAPROXY_0_BACKEND_HEAD}, ...). */
    private static final Pattern TEMPLATE_OVERRIDE = Pattern.compile(
            "(FRONTEND|BACKEND|HTTP|HTTPS|MAP|USERLIST|TCP)_[A-Z0-9_]+|[A-Z0-9_]+_(HEAD|OPTIONS|ACL|GLUE)");

    private final String appId;
    private final int portCount;
    private final List<AppProblem> problems = new ArrayList<>();
    private final Map<Integer, PortDraft> drafts = new HashMap<>();
    private List<String> appGroups;

    private LabelReader(String appId, int portCount) {
        this.appId = appId;
        this.portCount = portCount;
    }

    /**
     * The app's labels, checked.
     *
     * @param portCount how many service ports the app has: labels of other port indexes are reported
     */
    static AppLabels read(String appId, Map<String, String> labels, int portCount) {
        LabelReader reader = new LabelReader(appId, portCount);
        if (labels != null) {
            // Sorted, so that problems come out in the same order whatever map marathon's JSON was read into.
            new TreeMap<>(labels).forEach(reader::readLabel);
        }
        return reader.finish();
    }

    private void readLabel(String name, String value) {
        if (!name.startsWith(PREFIX)) {
            return;
        }
        Matcher port = PORT_LABEL.matcher(name);
        if (port.matches()) {
            readPortLabel(name, Integer.parseInt(port.group(1)), port.group(2), value == null ? "" : value);
        } else if (name.equals("HAPROXY_GROUP")) {
            appGroups = groups(name, value);
        } else if (name.startsWith("HAPROXY_DEPLOYMENT_")) {
            problem(name, name + " is one of marathon-lb's zero-downtime deployment labels, which this gateway"
                    + " does not support; ignored");
        } else {
            problem(name, name + " is not a label this gateway knows; ignored");
        }
    }

    private void readPortLabel(String name, int index, String suffix, String value) {
        if (!isSupported(suffix)) {
            if (UNSUPPORTED_PORT_LABELS.contains(suffix)) {
                problem(name, name + " is a marathon-lb label this gateway does not support; ignored");
            } else if (TEMPLATE_OVERRIDE.matcher(suffix).matches()) {
                problem(name, name + " looks like a marathon-lb template override; raw HAProxy configuration is not"
                        + " accepted from labels; ignored");
            } else {
                problem(name, name + " is not a label this gateway knows; ignored");
            }
            return;
        }
        if (index >= portCount) {
            problem(name, name + " is for port index " + index + ", but the app has " + portCount + " port"
                    + (portCount == 1 ? "" : "s") + "; ignored");
            return;
        }
        PortDraft draft = drafts.computeIfAbsent(index, i -> new PortDraft());
        String v = value.strip();
        switch (suffix) {
            case "GROUP" -> draft.groups = groups(name, value);
            case "VHOST" -> draft.vhosts = vhosts(name, value);
            case "PATH" -> draft.path = check(name, v, LabelSyntax.isPath(v),
                    "is not an absolute URL path without spaces or quotes");
            case "PORT" -> draft.bindPort = port(name, v);
            case "MODE" -> draft.mode = mode(name, v);
            case "BALANCE" -> draft.balance = check(name, v, LabelSyntax.isBalance(v),
                    "is not a balance algorithm this gateway accepts (roundrobin, static-rr, leastconn, first,"
                            + " source, uri, random, rdp-cookie, hdr(NAME), url_param NAME)");
            case "STICKY" -> draft.sticky = bool(name, v);
            case "REDIRECT_TO_HTTPS" -> draft.redirectToHttps = bool(name, v);
            case "SSL_CERT" -> draft.sslCert = check(name, v, LabelSyntax.isCertPath(v),
                    "is not an absolute file path without spaces or quotes");
            case "BIND_ADDR" -> draft.bindAddress = check(name, v, v.equals("*") || LabelSyntax.isHost(v),
                    "is not an IP address or host name");
            case "BACKEND_WEIGHT" -> draft.backendWeight = integer(name, v);
            default -> throw new IllegalStateException(suffix);
        }
    }

    private static boolean isSupported(String suffix) {
        return switch (suffix) {
            case "GROUP", "VHOST", "PATH", "PORT", "MODE", "BALANCE", "STICKY", "REDIRECT_TO_HTTPS", "SSL_CERT",
                 "BIND_ADDR", "BACKEND_WEIGHT" -> true;
            default -> false;
        };
    }

    private AppLabels finish() {
        Map<Integer, PortLabels> ports = new HashMap<>();
        new TreeMap<>(drafts).forEach((index, draft) -> ports.put(index, draft.toLabels(index)));
        return new AppLabels(appGroups, ports, problems);
    }

    private List<String> groups(String name, String value) {
        List<String> groups = split(value, false);
        for (String group : groups) {
            if (!group.chars().allMatch(c -> c > ' ' && c < 0x7f)) {
                problem(name, name + ": group " + LabelSyntax.shown(group) + " has spaces or control characters;"
                        + " ignored");
                return null;
            }
        }
        if (groups.isEmpty()) {
            problem(name, name + " names no group; ignored");
            return null;
        }
        return groups;
    }

    private List<String> vhosts(String name, String value) {
        List<String> hosts = split(value, true);
        for (String host : hosts) {
            if (!LabelSyntax.isDnsName(host)) {
                problem(name, name + ": " + LabelSyntax.shown(host) + " is not a host name; ignored");
                return List.of();
            }
        }
        if (hosts.isEmpty()) {
            problem(name, name + " names no host; ignored");
        }
        return hosts;
    }

    /** A comma list: entries stripped, empty ones dropped, duplicates dropped, order kept. */
    private static List<String> split(String value, boolean lowerCase) {
        Set<String> entries = new LinkedHashSet<>();
        for (String entry : (value == null ? "" : value).split(",")) {
            String e = lowerCase ? entry.strip().toLowerCase(Locale.ROOT) : entry.strip();
            if (!e.isEmpty()) {
                entries.add(e);
            }
        }
        return List.copyOf(entries);
    }

    private Integer port(String name, String value) {
        Integer port = integer(name, value);
        if (port != null && (port < 1 || port > 65535)) {
            problem(name, name + ": " + port + " is not a port number 1-65535; ignored");
            return null;
        }
        return port;
    }

    private Integer integer(String name, String value) {
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            problem(name, name + ": " + LabelSyntax.shown(value) + " is not an integer; ignored");
            return null;
        }
    }

    private ProxyMode mode(String name, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "http" -> ProxyMode.HTTP;
            case "tcp" -> ProxyMode.TCP;
            default -> {
                problem(name, name + ": " + LabelSyntax.shown(value) + " is neither http nor tcp; ignored");
                yield null;
            }
        };
    }

    private Boolean bool(String name, String value) {
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.valueOf(value.toLowerCase(Locale.ROOT));
        }
        problem(name, name + ": " + LabelSyntax.shown(value) + " is neither true nor false; ignored");
        return null;
    }

    private String check(String name, String value, boolean valid, String what) {
        if (valid) {
            return value;
        }
        problem(name, name + ": " + LabelSyntax.shown(value) + " " + what + "; ignored");
        return null;
    }

    private void problem(String label, String message) {
        problems.add(new AppProblem(appId, label, message));
    }

    /** One port's labels while they are read; checked against each other in {@link #toLabels}. */
    private final class PortDraft {
        List<String> groups;
        List<String> vhosts = List.of();
        String path;
        Integer bindPort;
        ProxyMode mode;
        String balance;
        Boolean sticky;
        Boolean redirectToHttps;
        String sslCert;
        String bindAddress;
        Integer backendWeight;

        PortLabels toLabels(int index) {
            boolean hasVhost = !vhosts.isEmpty();
            if (path != null && !hasVhost) {
                String label = PortLabels.label(index, "PATH");
                problem(label, label + " needs " + PortLabels.label(index, "VHOST") + "; ignored");
                path = null;
            }
            if (Boolean.TRUE.equals(redirectToHttps) && !hasVhost) {
                String label = PortLabels.label(index, "REDIRECT_TO_HTTPS");
                problem(label, label + " needs " + PortLabels.label(index, "VHOST") + "; ignored");
                redirectToHttps = false;
            }
            return new PortLabels(groups, vhosts, path, bindPort, mode, balance, Boolean.TRUE.equals(sticky),
                    Boolean.TRUE.equals(redirectToHttps), sslCert, bindAddress, backendWeight);
        }
    }
}
