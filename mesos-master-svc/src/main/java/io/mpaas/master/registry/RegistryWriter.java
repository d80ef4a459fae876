package io.mpaas.master.registry;

import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.AgentInfo;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Writes agent standing changes to the registry in order, off the cluster lock: marking ten
 * thousand agents unreachable at the end of a re-registration window must not stall scheduling
 * for as many database round trips. Losing such a write in a crash is harmless: the next leader
 * expects the agent back, waits for it and marks it unreachable again.
 */
@Component
public class RegistryWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RegistryWriter.class);

    private final Registry registry;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("registry-writer").daemon().factory());

    public RegistryWriter(Registry registry) {
        this.registry = registry;
    }

    public void markUnreachable(AgentId agent, Instant at) {
        submit("mark " + agent + " unreachable", () -> registry.markUnreachable(agent, at));
    }

    public void markReachable(AgentInfo agent) {
        submit("mark " + agent.id() + " reachable", () -> registry.markReachable(agent));
    }

    public void markGone(AgentId agent, Instant at) {
        submit("mark " + agent + " gone", () -> registry.markGone(agent, at));
    }

    private void submit(String what, Runnable write) {
        executor.execute(() -> {
            try {
                write.run();
            } catch (RuntimeException e) {
                log.error("Registry write failed: {}", what, e);
            }
        });
    }

    /** Waits until every write queued so far is done. */
    public void flush() {
        Future<?> marker = executor.submit(() -> { });
        try {
            marker.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("registry writes did not finish", e);
        }
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
