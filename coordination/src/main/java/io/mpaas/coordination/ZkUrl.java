package io.mpaas.coordination;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.apache.zookeeper.common.PathUtils;

/**
 * A ZooKeeper location in Mesos's {@code --zk} form, {@code zk://[user:password@]host:port[,host:port...]/path}.
 * Operators already write these URLs for Mesos masters, agents, Marathon and mesos-dns, so every service here
 * takes the same string and means the same ensemble, group path and digest credentials by it.
 *
 * <p>Parsing follows Mesos's {@code zookeeper::URL::parse}: the path starts at the first {@code /} after the
 * scheme and the credentials end at the last {@code @} before it. Unlike Mesos it rejects a URL without a
 * path instead of silently using the root, because masters sharing {@code /} with everything else is
 * always a mistake. A host without a port gets ZooKeeper's 2181. {@link #toString()} never shows the password.
 *
 * @param servers {@code host:port} entries in the order given
 * @param path    the group path, absolute, without a trailing slash (e.g. {@code /mesos})
 * @param digest  credentials for ZooKeeper's {@code digest} scheme, when the URL has them
 */
public record ZkUrl(List<String> servers, String path, Optional<Digest> digest) {

    /** ZooKeeper's own default client port, used for a host given without one. */
    static final int DEFAULT_PORT = 2181;

    private static final String SCHEME = "zk://";
    private static final String EXPECTED = "expected zk://[user:password@]host:port[,host:port...]/path";

    public ZkUrl {
        servers = List.copyOf(servers);
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(digest, "digest");
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("a ZooKeeper URL needs at least one server");
        }
        PathUtils.validatePath(path);
    }

    /**
     * Reads a URL in Mesos's form.
     *
     * @throws IllegalArgumentException naming what is wrong (scheme, hosts, port, credentials or path), with
     *                                  the password masked
     */
    public static ZkUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("ZooKeeper URL is empty: " + EXPECTED);
        }
        String trimmed = url.strip();
        String shown = redact(trimmed);
        if (!trimmed.startsWith(SCHEME)) {
            throw new IllegalArgumentException("ZooKeeper URL '" + shown + "' has the wrong scheme: " + EXPECTED);
        }
        String rest = trimmed.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "" : stripTrailingSlashes(rest.substring(slash));
        if (path.isEmpty()) {
            throw new IllegalArgumentException("ZooKeeper URL '" + shown + "' has no path: " + EXPECTED
                    + ", e.g. zk://localhost:2181/mesos");
        }
        int at = authority.lastIndexOf('@');
        Optional<Digest> digest = Optional.empty();
        String hosts = authority;
        if (at >= 0) {
            String credentials = authority.substring(0, at);
            int colon = credentials.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("ZooKeeper URL '" + shown
                        + "' has malformed credentials: expected zk://user:password@host:port/path");
            }
            digest = Optional.of(new Digest(credentials.substring(0, colon), credentials.substring(colon + 1)));
            hosts = authority.substring(at + 1);
        }
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("ZooKeeper URL '" + shown + "' names no hosts: " + EXPECTED);
        }
        List<String> servers = new ArrayList<>();
        for (String host : hosts.split(",", -1)) {
            servers.add(server(host, hosts, shown));
        }
        try {
            PathUtils.validatePath(path);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ZooKeeper URL '" + shown + "' has an invalid path '" + path + "': "
                    + e.getMessage(), e);
        }
        return new ZkUrl(servers, path, digest);
    }

    /** The servers as ZooKeeper's client wants them: {@code h1:2181,h2:2181}. */
    public String connectString() {
        return String.join(",", servers);
    }

    /** The URL with the password masked, safe for logs and error messages. */
    @Override
    public String toString() {
        return SCHEME + digest.map(d -> d.username() + ":****@").orElse("") + connectString() + path;
    }

    /** One {@code host[:port]} entry, validated, with the default port filled in. */
    private static String server(String entry, String hosts, String shown) {
        if (entry.isBlank()) {
            throw new IllegalArgumentException("ZooKeeper URL '" + shown + "' has an empty host in '" + hosts + "'");
        }
        String host;
        String port;
        if (entry.startsWith("[")) {
            // An IPv6 literal: [::1]:2181 (the brackets keep its colons apart from the port's).
            int close = entry.indexOf(']');
            if (close < 0 || (close + 1 < entry.length() && entry.charAt(close + 1) != ':')) {
                throw new IllegalArgumentException("ZooKeeper URL '" + shown + "' has a malformed IPv6 host '"
                        + entry + "': expected [address]:port");
            }
            host = entry.substring(0, close + 1);
            port = close + 1 < entry.length() ? entry.substring(close + 2) : null;
        } else {
            int colon = entry.indexOf(':');
            if (colon != entry.lastIndexOf(':')) {
                throw new IllegalArgumentException("ZooKeeper URL '" + shown + "' has a host with several colons '"
                        + entry + "': write IPv6 addresses in brackets, [address]:port");
            }
            host = colon < 0 ? entry : entry.substring(0, colon);
            port = colon < 0 ? null : entry.substring(colon + 1);
        }
        if (host.isEmpty() || host.equals("[]")) {
            throw new IllegalArgumentException("ZooKeeper URL '" + shown + "' has an empty host in '" + hosts + "'");
        }
        return host + ":" + (port == null ? DEFAULT_PORT : port(port, entry, shown));
    }

    private static int port(String port, String entry, String shown) {
        int value = -1;
        if (!port.isEmpty() && port.length() <= 5 && port.chars().allMatch(c -> c >= '0' && c <= '9')) {
            value = Integer.parseInt(port);
        }
        if (value < 1 || value > 65535) {
            throw new IllegalArgumentException("ZooKeeper URL '" + shown + "' has a bad port '" + port + "' in '"
                    + entry + "': expected a number from 1 to 65535");
        }
        return value;
    }

    private static String stripTrailingSlashes(String path) {
        int end = path.length();
        while (end > 0 && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(0, end);
    }

    /** Masks everything between the scheme and the last {@code @} of the authority, so no password is echoed. */
    private static String redact(String url) {
        int start = url.indexOf("://");
        start = start < 0 ? 0 : start + 3;
        int slash = url.indexOf('/', start);
        int at = url.lastIndexOf('@', slash < 0 ? url.length() : slash);
        if (at < start) {
            return url;
        }
        return url.substring(0, start) + "****" + url.substring(at);
    }

    /**
     * Credentials for ZooKeeper's {@code digest} scheme, as Mesos takes them from {@code user:password@}.
     * {@link #toString()} masks the password.
     */
    public record Digest(String username, String password) {

        public Digest {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
            if (username.isEmpty()) {
                throw new IllegalArgumentException("a digest username must not be empty");
            }
        }

        /** The bytes ZooKeeper's {@code addAuthInfo("digest", ...)} expects: {@code user:password}. */
        byte[] authBytes() {
            return (username + ":" + password).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "Digest[username=" + username + ", password=****]";
        }
    }
}
