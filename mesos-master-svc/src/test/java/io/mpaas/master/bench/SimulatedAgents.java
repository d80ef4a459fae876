package io.mpaas.master.bench;

import io.mpaas.protocol.mesos.client.MasterLocator;
import io.mpaas.testkit.agent.SimulatedAgent;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/** Brings up many simulated agents (the real agent link) for the master's benchmarks. */
final class SimulatedAgents {

    /** Agents started before waiting for them to register: a master takes them in batches. */
    private static final int BATCH = 500;
    private static final Duration REGISTRATION = Duration.ofMinutes(5);

    private SimulatedAgents() {
    }

    /**
     * Starts {@code count} agents named {@code agent-00000}... with the same resources, finding the master through
     * {@code locator}, and returns once every one is registered.
     */
    static List<SimulatedAgent> register(int count, MasterLocator locator, HttpClient http)
            throws InterruptedException {
        List<SimulatedAgent> agents = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            agents.add(new SimulatedAgent(String.format(Locale.ROOT, "agent-%05d", i),
                    "cpus:2;mem:1024;disk:4096;ports:[31000-32000]", "", SimulatedAgent.Behavior.runForever(),
                    locator, null, http).start());
            if (i % BATCH == BATCH - 1) {
                int started = i + 1;
                await(() -> agents.stream().filter(SimulatedAgent::isRegistered).count() == started);
            }
        }
        await(() -> agents.stream().allMatch(SimulatedAgent::isRegistered));
        return agents;
    }

    private static void await(BooleanSupplier registered) throws InterruptedException {
        long deadline = System.nanoTime() + REGISTRATION.toNanos();
        while (!registered.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("agents not registered within " + REGISTRATION);
            }
            Thread.sleep(50);
        }
    }
}
