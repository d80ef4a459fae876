package io.mpaas.marathon.bench;

import io.mpaas.protocol.mesos.TaskState;
import io.mpaas.protocol.mesos.client.MasterLocator;
import io.mpaas.testkit.agent.SimulatedAgent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The simulated agents of a benchmark, as a process of their own (started by {@link SimulatedCluster}):
 * on a real cluster the agents are other machines, and in a process of their own their CPU time
 * and sockets are not counted as marathon's. Talks to its parent over stdin/stdout, one line each:
 * it prints {@code registered} once every agent is registered; {@code active} asks for the number of
 * tasks the agents run (not terminal), answered as a number; {@code task <id>} describes one task
 * (for diagnosing a launch that does not finish); end of input stops it.
 *
 * <p>Arguments: master URI, number of agents, agent resources, connections per agent for its calls
 * ({@link AgentCallChannel}).
 */
public final class AgentFleet {

    private AgentFleet() {
    }

    public static void main(String[] args) throws Exception {
        // stdout is the line protocol with the parent: everything else (logs) goes to stderr.
        PrintStream parent = System.out;
        System.setOut(System.err);
        URI master = URI.create(args[0]);
        int count = Integer.parseInt(args[1]);
        String resources = args[2];
        int connections = Integer.parseInt(args[3]);
        // Tasks run until killed; unacknowledged updates are resent after 10 s, a Mesos agent's first retry.
        SimulatedAgent.Behavior behavior = new SimulatedAgent.Behavior(null, TaskState.TASK_FINISHED,
                Duration.ofSeconds(10));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        MasterLocator locator = MasterLocator.of(List.of(master));
        List<SimulatedAgent> agents = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            agents.add(new SimulatedAgent(String.format(Locale.ROOT, "bench-agent-%04d", i), resources, "",
                    behavior, locator, null, new AgentCallChannel(http, connections)).start());
        }
        SimulatedCluster.await("all " + count + " agents registered", Duration.ofMinutes(3),
                () -> agents.stream().allMatch(SimulatedAgent::isRegistered));
        parent.println("registered");
        parent.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.equals("active")) {
                parent.println(active(agents));
            } else if (line.startsWith("task ")) {
                parent.println(describe(agents, line.substring(5).strip()));
            }
            parent.flush();
        }
        agents.forEach(SimulatedAgent::close);
        System.exit(0);
    }

    /** Which agent runs the task, in which state, with how many updates it still waits to have acknowledged. */
    private static String describe(List<SimulatedAgent> agents, String taskId) {
        for (SimulatedAgent agent : agents) {
            for (var task : agent.taskStates().entrySet()) {
                if (task.getKey().value().equals(taskId)) {
                    return agent.agentId().value() + " runs it " + task.getValue() + ", registered "
                            + agent.isRegistered() + " (" + agent.registrations() + " registrations), updates"
                            + " unacknowledged on that agent: " + agent.unacknowledged();
                }
            }
        }
        return "no agent runs " + taskId;
    }

    private static int active(List<SimulatedAgent> agents) {
        int active = 0;
        for (SimulatedAgent agent : agents) {
            active += agent.activeTasks();
        }
        return active;
    }
}
