package io.mpaas.gateway.render;

/**
 * A value in the routing table cannot be written into HAProxy's configuration at all (it holds a line
 * break or a control character). Carries the app it came from, so the caller can leave that app out
 * and render the rest, as it does with apps whose configuration {@code haproxy -c} refuses.
 */
public final class RenderRefusedException extends RuntimeException {

    private final String appId;

    public RenderRefusedException(String appId, String message) {
        super(appId == null ? message : "app " + appId + ": " + message);
        this.appId = appId;
    }

    /** The app whose value could not be written, or null when a gateway setting is at fault. */
    public String appId() {
        return appId;
    }
}
