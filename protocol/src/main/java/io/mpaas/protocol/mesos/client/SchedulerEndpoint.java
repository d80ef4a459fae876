package io.mpaas.protocol.mesos.client;

import io.mpaas.protocol.http.RequestHeaders;
import java.net.URI;
import java.net.http.HttpRequest;

/**
 * The v1 scheduler endpoint of one master, {@code <master>/api/v1/scheduler}, and the request
 * shape every call shares: POST, JSON both ways, Basic credentials when configured.
 *
 * @param master base URI of the master, e.g. {@code http://m1:5050}
 */
record SchedulerEndpoint(URI master) {

    static final String PATH = "/api/v1/scheduler";

    URI uri() {
        String base = master.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + PATH);
    }

    /**
     * The master a 307 points to. Mesos's {@code Location} is protocol-relative
     * ({@code //m2:5050/api/v1/scheduler}), so it takes this endpoint's scheme; absolute and
     * path-only locations work too.
     *
     * @throws IllegalArgumentException when the location is not a URI with a host
     */
    SchedulerEndpoint redirectedTo(String location) {
        URI target = uri().resolve(location.strip());
        if (target.getRawAuthority() == null || target.getScheme() == null) {
            throw new IllegalArgumentException("redirect without a host: " + location);
        }
        String path = target.getRawPath() == null ? "" : target.getRawPath();
        String prefix = path.endsWith(PATH) ? path.substring(0, path.length() - PATH.length()) : "";
        return new SchedulerEndpoint(URI.create(target.getScheme() + "://" + target.getRawAuthority() + prefix));
    }

    /**
     * The headers of every scheduler call, name and value pairs (a null value: no such header): JSON
     * both ways, Basic credentials when configured, and the stream id (null for SUBSCRIBE).
     */
    static String[] headers(SchedulerClientSettings settings, String streamId) {
        return new String[] {"Content-Type", "application/json", "Accept", "application/json",
            "Authorization", settings.credential() == null ? null : settings.credential().authorization(),
            "Mesos-Stream-Id", streamId};
    }

    /** A POST of {@code body} with {@link #headers}. */
    HttpRequest.Builder post(byte[] body, SchedulerClientSettings settings, String streamId) {
        return RequestHeaders.addTo(HttpRequest.newBuilder(uri()).timeout(settings.requestTimeout())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)), headers(settings, streamId));
    }
}
