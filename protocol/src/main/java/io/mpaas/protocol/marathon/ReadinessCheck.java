package io.mpaas.protocol.marathon;

import java.util.List;

/** Tells when a new instance may take traffic during a deployment (at most one per app). */
public record ReadinessCheck(
        String name,
        String protocol,
        String path,
        String portName,
        Integer intervalSeconds,
        Integer timeoutSeconds,
        List<Integer> httpStatusCodesForReady,
        Boolean preserveLastResponse) {

    public ReadinessCheck {
        httpStatusCodesForReady = httpStatusCodesForReady == null ? null : List.copyOf(httpStatusCodesForReady);
    }
}
