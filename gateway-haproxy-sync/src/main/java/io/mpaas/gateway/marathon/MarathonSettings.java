package io.mpaas.gateway.marathon;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where marathon is and how patiently to follow it ({@code gateway.marathon.*}).
 *
 * @param urls              marathon instances, tried in turn (round-robin) until one answers; each names the
 *                          leader, which is then used directly. No credentials in them: those go below, so that a
 *                          URL can be logged as it is
 * @param username          HTTP Basic user, or null for none
 * @param password          HTTP Basic password; never logged, not even by {@link #toString()}
 * @param resyncInterval    a full re-read of every app while connected: catches whatever an event stream can
 *                          miss (marathon drops a client that falls behind, a bug drops an event) within this time
 * @param reconnect         the pause before reconnecting after a failure
 * @param connectTimeout    how long a TCP connect to a marathon may take: a dead host should cost a moment
 *                          before the next URL is tried, not the OS default of minutes
 * @param requestTimeout    how long one read ({@code /v2/leader}, {@code /v2/apps}) may take, and how long the
 *                          event stream may take to answer with its headers; a full read of a large cluster is
 *                          a few MB, so this is generous
 * @param streamIdleTimeout an event stream silent this long is treated as dead (a half-open TCP connection
 *                          after a network partition never reports an error). Our marathon writes a keepalive
 *                          comment after 10 s of silence ({@code marathon.events.heartbeat-interval}), so the
 *                          default of 30 s is three missed keepalives. Zero disables it, for a marathon that
 *                          sends no keepalive (its stream may rightly be silent for as long as nothing happens)
 */
@ConfigurationProperties("gateway.marathon")
public record MarathonSettings(
        List<URI> urls,
        String username,
        String password,
        Duration resyncInterval,
        Reconnect reconnect,
        Duration connectTimeout,
        Duration requestTimeout,
        Duration streamIdleTimeout) {

    public MarathonSettings {
        urls = urls == null || urls.isEmpty() ? List.of(URI.create("http://localhost:8080")) : List.copyOf(urls);
        for (int i = 0; i < urls.size(); i++) {
            requireUsable(i, urls.get(i));
        }
        username = username == null || username.isEmpty() ? null : username;
        password = password == null || password.isEmpty() ? null : password;
        if (password != null && username == null) {
            throw new IllegalArgumentException("gateway.marathon.password is set but gateway.marathon.username is not");
        }
        resyncInterval = positive("resync-interval", resyncInterval, Duration.ofSeconds(60));
        reconnect = reconnect == null ? new Reconnect(null, null, null, null) : reconnect;
        connectTimeout = positive("connect-timeout", connectTimeout, Duration.ofSeconds(3));
        requestTimeout = positive("request-timeout", requestTimeout, Duration.ofSeconds(30));
        streamIdleTimeout = streamIdleTimeout == null ? Duration.ofSeconds(30) : streamIdleTimeout;
        if (streamIdleTimeout.isNegative()) {
            throw new IllegalArgumentException("gateway.marathon.stream-idle-timeout must not be negative");
        }
    }

    /** All defaults: one marathon on localhost:8080, no credentials. */
    public static MarathonSettings defaults() {
        return new MarathonSettings(null, null, null, null, null, null, null, null);
    }

    /** The same settings for other marathons. */
    public MarathonSettings withUrls(List<URI> newUrls) {
        return new MarathonSettings(newUrls, username, password, resyncInterval, reconnect, connectTimeout,
                requestTimeout, streamIdleTimeout);
    }

    boolean hasCredentials() {
        return username != null;
    }

    /** Whether silent streams are cut (a zero timeout turns that off). */
    boolean detectsIdleStreams() {
        return !streamIdleTimeout.isZero();
    }

    /**
     * Exponential backoff between failed connects.
     *
     * @param initial    the first pause: short, as a leader failover takes marathon about that long to settle
     * @param factor     each further consecutive failure multiplies the pause by this
     * @param max        the longest pause, so that a marathon that comes back is followed again within it
     * @param resetAfter a stream that lived this long counts as a success: the next failure starts again at
     *                   {@code initial} (a stream that dies at once after each connect keeps backing off)
     */
    public record Reconnect(Duration initial, Double factor, Duration max, Duration resetAfter) {

        public Reconnect {
            initial = positive("reconnect.initial", initial, Duration.ofMillis(200));
            factor = factor == null ? 2.0 : factor;
            if (factor < 1.0 || factor.isNaN()) {
                throw new IllegalArgumentException("gateway.marathon.reconnect.factor must be at least 1");
            }
            max = positive("reconnect.max", max, Duration.ofSeconds(10));
            if (max.compareTo(initial) < 0) {
                throw new IllegalArgumentException("gateway.marathon.reconnect.max is shorter than its initial");
            }
            resetAfter = positive("reconnect.reset-after", resetAfter, Duration.ofSeconds(60));
        }

        /** The pause after {@code failures} consecutive failures (1 for the first). */
        public Duration delay(int failures) {
            if (failures <= 0) {
                return Duration.ZERO;
            }
            double millis = initial.toMillis() * Math.pow(factor, failures - 1);
            return millis >= max.toMillis() ? max : Duration.ofMillis((long) millis);
        }
    }

    private static Duration positive(String name, Duration value, Duration fallback) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("gateway.marathon." + name + " must be positive");
        }
        return value;
    }

    /** The message names the position, never the URL: a URL with credentials in it must not reach a log. */
    private static void requireUsable(int index, URI url) {
        String where = "gateway.marathon.urls[" + index + "]";
        if (url == null || url.getScheme() == null || url.getHost() == null) {
            throw new IllegalArgumentException(where + " must be an absolute http(s) URL with a host");
        }
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException(where + " must be http or https");
        }
        if (url.getRawUserInfo() != null) {
            throw new IllegalArgumentException(where + " carries credentials; set gateway.marathon.username and "
                    + "gateway.marathon.password instead, so that URLs can be logged");
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException(where + " must not have a query or fragment");
        }
    }

    @Override
    public String toString() {
        return "MarathonSettings[urls=" + urls + ", username=" + username + ", password="
                + (password == null ? "null" : "***") + ", resyncInterval=" + resyncInterval + ", reconnect="
                + reconnect + ", connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout
                + ", streamIdleTimeout=" + streamIdleTimeout + "]";
    }
}
