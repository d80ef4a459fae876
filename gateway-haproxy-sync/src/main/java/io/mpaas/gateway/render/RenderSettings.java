package io.mpaas.gateway.render;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the gateway's HAProxy configuration is rendered ({@code gateway.render.*}).
 *
 * @param templatesDir    a directory whose {@code <NAME>.tmpl} files replace the built-in templates of
 *                        that name; re-read when a file changes; null for the built-in ones only
 * @param httpPort        the shared virtual-host frontend's port ({@code marathon_http_in})
 * @param httpsPort       the shared TLS virtual-host frontend's port ({@code marathon_https_in})
 * @param bindAddress     the address the shared 80/443 frontends bind, {@code *} for all
 * @param statsPort       the {@code listen stats} port: stats page, health URI, Prometheus metrics
 * @param statsUser       the stats page's user
 * @param statsPassword   the stats page's password; when blank the stats listener binds 127.0.0.1 only,
 *                        because an unprotected stats page must not be reachable from other machines
 * @param adminSocket     the runtime API's unix socket; a unix socket (mode 600) rather than TCP so the
 *                        admin-level API is reachable only on this machine
 * @param maxconn         HAProxy's global connection limit (each frontend's too, by HAProxy's default)
 * @param hardStopAfter   how long an old worker may keep long-lived connections after a reload: without
 *                        a bound, workers of old configurations pile up (marathon-lb's #382, #519)
 * @param serverStateFile where servers' health and admin state are kept across reloads, or null for none
 * @param defaultSslCert  a PEM served on the HTTPS frontend besides the routes' own (first, so it is the
 *                        one clients without SNI get), or null
 */
@ConfigurationProperties("gateway.render")
public record RenderSettings(Path templatesDir, int httpPort, int httpsPort, String bindAddress, int statsPort,
        String statsUser, String statsPassword, String adminSocket, int maxconn, Duration hardStopAfter,
        String serverStateFile, String defaultSslCert) {

    /** Every setting at its default; the stats page is then local-only (no password). */
    public static final RenderSettings DEFAULTS = new RenderSettings(null, 0, 0, null, 0, null, null, null, 0, null,
            null, null);

    public RenderSettings {
        httpPort = port(httpPort, 80, "httpPort");
        httpsPort = port(httpsPort, 443, "httpsPort");
        statsPort = port(statsPort, 9090, "statsPort");
        bindAddress = blank(bindAddress) ? "*" : bindAddress.strip();
        statsUser = blank(statsUser) ? "admin" : statsUser.strip();
        if (statsUser.contains(":")) {
            throw new IllegalArgumentException("gateway.render.stats-user must not contain ':' (it separates user and password)");
        }
        statsPassword = blank(statsPassword) ? null : statsPassword;
        adminSocket = blank(adminSocket) ? "/run/haproxy/admin.sock" : adminSocket.strip();
        maxconn = maxconn == 0 ? defaultMaxconn() : maxconn;
        if (maxconn < 1) {
            throw new IllegalArgumentException("gateway.render.maxconn must be positive, not " + maxconn);
        }
        hardStopAfter = hardStopAfter == null ? Duration.ofMinutes(2) : hardStopAfter;
        if (hardStopAfter.isNegative() || hardStopAfter.isZero()) {
            throw new IllegalArgumentException("gateway.render.hard-stop-after must be positive");
        }
        serverStateFile = blank(serverStateFile) ? null : serverStateFile.strip();
        defaultSslCert = blank(defaultSslCert) ? null : defaultSslCert.strip();
    }

    /** Whether the stats page is protected, and so may listen on every address. */
    public boolean statsProtected() {
        return statsPassword != null;
    }

    private static int port(int value, int fallback, String name) {
        int port = value == 0 ? fallback : value;
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("gateway.render." + name + " " + port + " is not 1-65535");
        }
        return port;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** These settings with the runtime API's socket at {@code path} (the HAProxy driver's, so both name one file). */
    public RenderSettings withAdminSocket(String path) {
        return new RenderSettings(templatesDir, httpPort, httpsPort, bindAddress, statsPort, statsUser, statsPassword,
                path, maxconn, hardStopAfter, serverStateFile, defaultSslCert);
    }

    /**
     * marathon-lb's 50,000 when the process may open enough files, else what fits: HAProxy needs two descriptors
     * per connection plus one per listener and check, and refuses to start or reload when {@code maxconn} asks for
     * more than the limit it inherits from us (20,000 on these machines; a thousand service ports need a thousand
     * listeners), so a quarter of the limit.
     */
    static int defaultMaxconn() {
        long limit = 0;
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) {
                    String soft = line.substring("Max open files".length()).strip().split("\\s+")[0];
                    limit = "unlimited".equals(soft) ? Long.MAX_VALUE : Long.parseLong(soft);
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            limit = 0;
        }
        if (limit <= 0) {
            return 4_096;
        }
        // A quarter: two descriptors per connection, and room for a thousand listeners and their checks.
        return (int) Math.max(256, Math.min(50_000, limit / 4));
    }
}
