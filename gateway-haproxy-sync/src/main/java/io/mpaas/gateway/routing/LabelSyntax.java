package io.mpaas.gateway.routing;

import java.net.InetAddress;
import java.util.regex.Pattern;

/**
 * What an app may put into HAProxy's configuration through labels, health checks and task data. Every value
 * the gateway writes into the configuration passes one of these checks first; the character sets leave out
 * whitespace, quotes, {@code #} and backslashes, so that no value can end a line, start a comment or open a
 * new keyword: one app must never be able to change how another is routed.
 */
final class LabelSyntax {

    /** Path characters of RFC 3986 (unreserved, percent, sub-delims but quotes and {@code $}, ':', '@', '/', '?'). */
    private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9\\-._~%!&()*+,;=:@/?]*");

    /** An absolute file name of a PEM: no whitespace, no quotes, nothing HAProxy would read as syntax. */
    private static final Pattern CERT_PATH = Pattern.compile("/[A-Za-z0-9\\-._~@+=,:/]*");

    private static final Pattern DNS_LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    /** IPv6 characters; the address itself is checked by {@link InetAddress#ofLiteral}. */
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    /** Four decimal octets: Java also takes {@code 10.1} or {@code 010.0.0.1}, which other parsers read otherwise. */
    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");

    /**
     * HAProxy's balance algorithms, with their one argument where they take one. {@code uri} and
     * {@code url_param} options beyond the parameter name are not accepted: they would need free text.
     */
    private static final Pattern BALANCE = Pattern.compile(
            "roundrobin|static-rr|leastconn|first|source|uri|random|random\\([0-9]{1,3}\\)|rdp-cookie"
                    + "|rdp-cookie\\([A-Za-z0-9_-]{1,64}\\)|hdr\\([A-Za-z0-9_-]{1,64}\\)|url_param [A-Za-z0-9_-]{1,64}");

    /** The algorithms that read the HTTP request, and so only work in http mode. */
    private static final Pattern HTTP_BALANCE = Pattern.compile("uri|url_param .*|hdr\\(.*\\)");

    private static final Pattern SAFE_NAME = Pattern.compile("[^A-Za-z0-9_.:-]");

    private LabelSyntax() {
    }

    /** A host name: dot-separated labels of letters, digits and inner hyphens, at most 253 characters. */
    static boolean isDnsName(String value) {
        if (value == null || value.isEmpty() || value.length() > 253) {
            return false;
        }
        for (String label : value.split("\\.", -1)) {
            if (!DNS_LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    /** An IPv4 or IPv6 address written out, without brackets or zone; never looked up. */
    static boolean isIpLiteral(String value) {
        if (value == null) {
            return false;
        }
        if (!value.contains(":")) {
            return IPV4.matcher(value).matches();
        }
        if (!IPV6_CHARS.matcher(value).matches()) {
            return false;
        }
        try {
            InetAddress.ofLiteral(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A host name or an IP address, as an agent's host or a bind address may be. */
    static boolean isHost(String value) {
        return isIpLiteral(value) || isDnsName(value);
    }

    /** An absolute URL path (with an optional query), as a path prefix or an HTTP check's request. */
    static boolean isPath(String value) {
        return value != null && value.length() <= 1024 && PATH.matcher(value).matches();
    }

    static boolean isCertPath(String value) {
        return value != null && value.length() <= 4096 && CERT_PATH.matcher(value).matches();
    }

    static boolean isBalance(String value) {
        return value != null && BALANCE.matcher(value).matches();
    }

    /** Whether the algorithm hashes part of the HTTP request, which a tcp-mode backend does not parse. */
    static boolean needsHttp(String balance) {
        return balance != null && HTTP_BALANCE.matcher(balance).matches();
    }

    /**
     * marathon-lb's frontend and backend name: the app id without its leading {@code /}, each {@code /} as
     * {@code _}, then {@code _} and the bound port ({@code /shop/web} on 10001: {@code shop_web_10001}). Any
     * character HAProxy does not allow in a name becomes {@code _}.
     */
    static String proxyName(String appId, int port) {
        String id = appId.startsWith("/") ? appId.substring(1) : appId;
        return SAFE_NAME.matcher(id.replace('/', '_')).replaceAll("_") + "_" + port;
    }

    /** A label value as a problem message may quote it: control characters shown as '?', long values cut. */
    static String shown(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("'");
        int max = Math.min(value.length(), 80);
        for (int i = 0; i < max; i++) {
            char c = value.charAt(i);
            out.append(Character.isISOControl(c) ? '?' : c);
        }
        return out.append(value.length() > max ? "...'" : "'").toString();
    }
}
