package io.mpaas.marathon.system;

import io.micrometer.core.instrument.MeterRegistry;
import io.mpaas.marathon.web.JsonResponses;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /metrics}: this instance's meters in Dropwizard's JSON shape, as Marathon 1.x served them. */
@RestController
public class MetricsController {

    private final MeterRegistry registry;

    public MetricsController(MeterRegistry registry) {
        this.registry = registry;
    }

    @GetMapping("/metrics")
    public ResponseEntity<byte[]> metrics() {
        return JsonResponses.ok(DropwizardMetrics.snapshot(registry));
    }
}
