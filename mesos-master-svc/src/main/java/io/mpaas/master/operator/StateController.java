package io.mpaas.master.operator;

import io.mpaas.master.ha.LeaderGate;
import io.mpaas.master.web.MesosRequests;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Mesos's read-only v0 endpoints: {@code /master/state} (and its aliases {@code /state},
 * {@code /state.json}, {@code /master/state.json}, which tools such as old Mesos-DNS still call),
 * {@code /master/state-summary}, {@code /master/slaves}, {@code /master/frameworks},
 * {@code /master/tasks}, {@code /master/roles}, {@code /master/flags}, {@code /master/health} and
 * {@code /master/redirect}. The leader-only ones answer 307 (or 503) on a standby. Every document
 * is rendered from a snapshot, outside the cluster lock, streamed as it is written.
 */
@RestController
public class StateController {

    private final LeaderGate gate;
    private final StateReader reader;
    private final StateRenderer renderer;
    private final MasterFlags flags;

    public StateController(LeaderGate gate, StateReader reader, StateRenderer renderer, MasterFlags flags) {
        this.gate = gate;
        this.reader = reader;
        this.renderer = renderer;
        this.flags = flags;
    }

    @RequestMapping({"/master/state", "/state", "/state.json", "/master/state.json"})
    public void state(HttpServletRequest request, HttpServletResponse response) throws IOException {
        leaderDocument(request, response, (w, s) -> renderer.state(w, s, flags.flags()));
    }

    @RequestMapping("/master/state-summary")
    public void stateSummary(HttpServletRequest request, HttpServletResponse response) throws IOException {
        leaderDocument(request, response, renderer::stateSummary);
    }

    @RequestMapping("/master/slaves")
    public void slaves(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String agentId = request.getParameter("slave_id");
        leaderDocument(request, response, (w, s) -> renderer.slaves(w, s, agentId));
    }

    @RequestMapping("/master/frameworks")
    public void frameworks(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String frameworkId = request.getParameter("framework_id");
        leaderDocument(request, response, (w, s) -> renderer.frameworks(w, s, frameworkId));
    }

    @RequestMapping({"/master/tasks", "/master/tasks.json"})
    public void tasks(HttpServletRequest request, HttpServletResponse response) throws IOException {
        StateRenderer.TaskQuery query = StateRenderer.TaskQuery.parse(request.getParameter("framework_id"),
                request.getParameter("task_id"), request.getParameter("limit"), request.getParameter("offset"),
                request.getParameter("order"));
        leaderDocument(request, response, (w, s) -> {
            w.generator().writeStartObject();
            renderer.tasks(w, s, query);
            w.generator().writeEndObject();
        });
    }

    @RequestMapping("/master/roles")
    public void roles(HttpServletRequest request, HttpServletResponse response) throws IOException {
        leaderDocument(request, response, renderer::roles);
    }

    /** Any master answers with its own flags, leader or not. */
    @RequestMapping("/master/flags")
    public void flags(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (MesosRequests.rejectedMethod(request, response, "GET")) {
            return;
        }
        String callback = OperatorHttp.callback(request);
        OperatorHttp.json(response, callback, w -> renderer.flags(w, flags.flags()));
    }

    /** 200 with an empty body while the process is up, on every master: load balancers probe it. */
    @RequestMapping("/master/health")
    public void health(HttpServletResponse response) {
        OperatorHttp.ok(response);
    }

    /**
     * 307 to the leader's root ({@code Location: //host:port}), from the leader too; 503 while no
     * leader is known. Clients probe it to find where to subscribe.
     */
    @RequestMapping({"/master/redirect", "/redirect"})
    public void redirect(HttpServletResponse response) throws IOException {
        Optional<String> leader = gate.leaderHostPort();
        if (leader.isEmpty()) {
            MesosRequests.writePlain(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "No leader elected");
            return;
        }
        response.setStatus(HttpServletResponse.SC_TEMPORARY_REDIRECT);
        response.setHeader("Location", "//" + leader.get());
    }

    private void leaderDocument(HttpServletRequest request, HttpServletResponse response,
            BiConsumer<V0Writer, ClusterSnapshot> document) throws IOException {
        if (MesosRequests.redirectedOrUnavailable(gate, false, request, response)
                || MesosRequests.rejectedMethod(request, response, "GET")) {
            return;
        }
        String callback = OperatorHttp.callback(request);
        ClusterSnapshot snapshot = reader.snapshot();
        OperatorHttp.json(response, callback, w -> document.accept(w, snapshot));
    }
}
