package io.mpaas.master.operator;

import io.mpaas.master.web.MesosRequests;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /metrics/snapshot}: Mesos's flat object of metric name to number. Every master
 * answers for itself, leader or not, so that {@code master/elected} can be summed across masters.
 * Mesos's {@code ?timeout=} is accepted and ignored: no metric here is slow to compute.
 */
@RestController
public class MetricsController {

    private final MasterMetrics metrics;

    public MetricsController(MasterMetrics metrics) {
        this.metrics = metrics;
    }

    @RequestMapping("/metrics/snapshot")
    public void snapshot(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (MesosRequests.rejectedMethod(request, response, "GET")) {
            return;
        }
        String callback = OperatorHttp.callback(request);
        Map<String, Double> snapshot = metrics.snapshot();
        OperatorHttp.json(response, callback, w -> {
            w.generator().writeStartObject();
            snapshot.forEach(w::number);
            w.generator().writeEndObject();
        });
    }
}
