package io.mpaas.protocol.http;

import java.net.http.HttpRequest;

/**
 * Request headers as {@link JsonPoster} and {@link StreamingPost} take them, name and value pairs in
 * one array, where a null value leaves its header out; here for the requests that go through the JDK
 * client instead.
 */
public final class RequestHeaders {

    private RequestHeaders() {
    }

    /** Adds {@code headers} (name, value pairs; null values left out) to {@code request}; returns it. */
    public static HttpRequest.Builder addTo(HttpRequest.Builder request, String... headers) {
        if (headers.length % 2 != 0) {
            throw new IllegalArgumentException("headers come in name, value pairs");
        }
        for (int i = 0; i < headers.length; i += 2) {
            if (headers[i + 1] != null) {
                request.header(headers[i], headers[i + 1]);
            }
        }
        return request;
    }
}
