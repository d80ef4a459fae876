package io.mpaas.master.ha;

import io.mpaas.master.agent.AgentCalls;
import io.mpaas.master.framework.CallValidator;
import io.mpaas.master.web.MesosRequests;
import io.mpaas.protocol.agentlink.AgentCall;
import io.mpaas.protocol.agentlink.AgentEvent;
import io.mpaas.protocol.mesos.Address;
import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.AgentInfo;
import io.mpaas.protocol.mesos.AllocationInfo;
import io.mpaas.protocol.mesos.Attribute;
import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.FrameworkInfo;
import io.mpaas.protocol.mesos.MasterInfo;
import io.mpaas.protocol.mesos.MesosJson;
import io.mpaas.protocol.mesos.Offer;
import io.mpaas.protocol.mesos.OfferId;
import io.mpaas.protocol.mesos.Resources;
import io.mpaas.protocol.mesos.Task;
import io.mpaas.protocol.mesos.TaskId;
import io.mpaas.protocol.mesos.TaskState;
import io.mpaas.protocol.mesos.TaskStatus;
import io.mpaas.protocol.mesos.Url;
import io.mpaas.protocol.mesos.scheduler.Call;
import io.mpaas.protocol.mesos.scheduler.Event;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Runs, on a standby, the code that a new leader runs for every agent and framework coming back,
 * so that it is loaded and compiled before an election rather than during one. A standby serves
 * almost nothing, so without this the new leader met ten thousand re-registrations with cold
 * code: interpreted, Jackson building its (de)serializers, classes loading, and the JIT
 * compiling all of it on the cores that the re-registrations needed (a profile showed the
 * compiler busy for the whole re-registration flood).
 *
 * <p>Two parts. In process: the agents' and frameworks' SUBSCRIBE bodies are parsed, converted and
 * validated as the controllers do, and the answers (REGISTERED, PING, SUBSCRIBED, OFFERS)
 * encoded. Over HTTP: this master sends itself agent and scheduler calls, each on a new
 * connection as a re-registering agent does; a standby answers them 307 after the same Tomcat,
 * filter and dispatch work as a leader does. The calls are invalid on purpose (no hostname, no
 * framework info): should this master lead meanwhile, they are refused 400 and change nothing.
 */
@Component
public class StandbyWarmUp {

    /** In-process rounds: enough for the JIT's top tier (a few thousand calls of a method). */
    static final int ROUNDS = 6_000;

    /** Calls this master sends itself, per endpoint. */
    static final int REQUESTS = 2_000;

    /** Agent call refused 400 by a leader (no hostname): the standby's 307 comes first. */
    private static final String INVALID_AGENT_CALL =
            "{\"type\":\"SUBSCRIBE\",\"subscribe\":{\"agent_info\":{\"hostname\":\"\"}}}";

    /** Scheduler call refused 400 by a leader (no subscribe.framework_info). */
    private static final String INVALID_SCHEDULER_CALL = "{\"type\":\"SUBSCRIBE\"}";

    /** What one warm-up did. */
    public record Result(int rounds, int requests, int redirected) {
    }

    /**
     * Warms up while {@code standby} holds (checked before every step).
     *
     * @param self where this master listens
     * @param rounds in-process rounds ({@link #ROUNDS})
     * @param requests calls to send to each endpoint ({@link #REQUESTS})
     * @return how many in-process rounds and self-addressed calls ran, and how many were answered 307
     */
    public Result run(InetSocketAddress self, int rounds, int requests, BooleanSupplier standby) {
        int ran = exerciseWireFormats(rounds, standby);
        int sent = 0;
        int redirected = 0;
        String host = self.getHostString() + ":" + self.getPort();
        byte[] agentCall = request(host, "/api/v1/agent", INVALID_AGENT_CALL);
        byte[] schedulerCall = request(host, "/api/v1/scheduler", INVALID_SCHEDULER_CALL);
        for (int i = 0; i < requests && standby.getAsBoolean(); i++) {
            for (byte[] call : List.of(agentCall, schedulerCall)) {
                int status = send(self, call);
                sent++;
                if (status == 307) {
                    redirected++;
                } else if (status < 0) {
                    return new Result(ran, sent, redirected);
                }
            }
        }
        return new Result(ran, sent, redirected);
    }

    /**
     * Parses, converts and validates the SUBSCRIBE calls of a re-registering agent (with a task)
     * and a re-subscribing framework, and encodes what the master answers them.
     *
     * @return the rounds run
     */
    static int exerciseWireFormats(int rounds, BooleanSupplier go) {
        AgentId agentId = AgentId.of("warm-up-S0");
        FrameworkId frameworkId = FrameworkId.of("warm-up-0000");
        MasterInfo master = MasterInfo.of("warm-up", "localhost", "127.0.0.1", 5050);
        byte[] agentBody = MesosJson.write(AgentCall.subscribe(sampleReregistration(agentId, frameworkId)));
        byte[] schedulerBody = MesosJson.write(Call.subscribe(sampleFramework(frameworkId)));
        Offer offer = new Offer(OfferId.of("warm-up-O0"), frameworkId, agentId, "localhost",
                Url.http("localhost", "127.0.0.1", 5051, "/slave(1)"), null,
                Resources.parse("cpus:2;mem:1024;disk:4096;ports:[31000-32000]").toList("*"), List.of(), List.of(),
                null, new AllocationInfo("*"));
        int done = 0;
        for (; done < rounds && go.getAsBoolean(); done++) {
            AgentCall agentCall = MesosRequests.convert(MesosJson.read(agentBody, JsonNode.class), AgentCall.class,
                    "agent Call");
            if (AgentCalls.validate(agentCall).isPresent()) {
                throw new IllegalStateException("the warm-up's agent call is invalid: " + AgentCalls.validate(agentCall));
            }
            Resources.of(agentCall.subscribe().agentInfo().resources());
            MesosJson.write(AgentEvent.registered(new AgentEvent.Registered(agentId, master, 15.0, 5, true)));
            MesosJson.write(AgentEvent.ping(done));
            Call call = MesosRequests.convert(MesosJson.read(schedulerBody, JsonNode.class), Call.class, "Call");
            if (CallValidator.validate(call).isPresent()) {
                throw new IllegalStateException("the warm-up's scheduler call is invalid: " + CallValidator.validate(call));
            }
            MesosJson.write(Event.subscribed(frameworkId, 5.0, master));
            MesosJson.write(Event.offers(List.of(offer)));
        }
        return done;
    }

    static AgentCall.Subscribe sampleReregistration(AgentId agentId, FrameworkId frameworkId) {
        AgentInfo info = new AgentInfo("warm-up", 5051,
                Resources.parse("cpus:2;mem:1024;disk:4096;ports:[31000-32000]").toList(),
                Attribute.parseAll("rack:r1;zone:a"), agentId, null);
        TaskId taskId = TaskId.of("warm-up-task");
        TaskStatus running = TaskStatus.fromMaster(taskId, TaskState.TASK_RUNNING, TaskStatus.Reason.REASON_RECONCILIATION,
                null, agentId, 1.0);
        Task task = new Task("warm-up", taskId, frameworkId, null, agentId, TaskState.TASK_RUNNING,
                Resources.parse("cpus:0.5;mem:128;ports:[31000-31000]").toList("*"), List.of(running),
                TaskState.TASK_RUNNING, null, null, null, null, null, null, "root");
        return new AgentCall.Subscribe(info, new Address("warm-up", "127.0.0.1", 5051), "1.11.0", List.of(),
                List.of(task), List.of(sampleFramework(frameworkId)), List.of());
    }

    static FrameworkInfo sampleFramework(FrameworkId id) {
        return new FrameworkInfo("root", "warm-up", id, 3600.0, true, null, List.of("*"), null, null, null,
                List.of(new FrameworkInfo.Capability(FrameworkInfo.Capability.Type.MULTI_ROLE)), null, null);
    }

    private static byte[] request(String host, String path, String body) {
        byte[] json = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: " + host
                + "\r\nContent-Type: application/json\r\nAccept: application/json\r\nContent-Length: " + json.length
                + "\r\nConnection: close\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[headBytes.length + json.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(json, 0, request, headBytes.length, json.length);
        return request;
    }

    /** One call on a new connection; the status code, or -1 when this master cannot be reached. */
    private static int send(InetSocketAddress self, byte[] request) {
        try (Socket socket = new Socket()) {
            socket.connect(self, 2_000);
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] answer = in.readAllBytes();
            String statusLine = new String(answer, 0, Math.min(answer.length, 16), StandardCharsets.US_ASCII);
            return statusLine.startsWith("HTTP/1.1 ") && statusLine.length() >= 12
                    ? Integer.parseInt(statusLine.substring(9, 12)) : 0;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }
}
