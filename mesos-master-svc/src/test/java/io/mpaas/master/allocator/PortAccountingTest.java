package io.mpaas.master.allocator;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.Range;
import io.mpaas.protocol.mesos.Ranges;
import io.mpaas.protocol.mesos.Resources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Ports are exact: through random launches, declines, refusals and task ends, a port is never in
 * two places (available, an offer, a task) and never lost.
 */
class PortAccountingTest {

    private static final Ranges ALL_PORTS = Ranges.of(31000, 31099);

    /** A launched task as the test's framework model remembers it. */
    private record Task(Allocation from, Resources resources) {
    }

    @Test
    void noPortIsEverInTwoAllocationsAndNoneIsLost() {
        AllocatorHarness h = new AllocatorHarness();
        int agents = 8;
        h.addAgents(agents, "cpus:8;mem:8192;ports:[31000-31099]");
        for (int i = 0; i < 4; i++) {
            h.addFramework("f" + i, i % 2 == 0 ? "a" : "b");
        }
        SplittableRandom random = new SplittableRandom(7);
        List<Task> running = new ArrayList<>();

        for (int step = 0; step < 120; step++) {
            List<Allocation> offers = h.allocate();
            assertNoPortTwice(offers, running);
            for (Allocation offer : offers) {
                Resources left = offer.resources();
                // Launch up to three tasks, each with two random ports of the offer.
                for (int t = random.nextInt(4); t > 0; t--) {
                    Resources task = randomTask(left, random);
                    if (task == null) {
                        break;
                    }
                    running.add(new Task(offer, task));
                    left = left.minus(task);
                }
                Duration refuse = switch (random.nextInt(3)) {
                    case 0 -> null;
                    case 1 -> Duration.ZERO;
                    default -> Duration.ofSeconds(random.nextInt(1, 4));
                };
                h.allocator.recoverResources(offer.framework(), offer.agent(), offer.role(), left, refuse);
            }
            // Some tasks end.
            for (int i = running.size() - 1; i >= 0; i--) {
                if (random.nextInt(4) == 0) {
                    Task done = running.remove(i);
                    h.allocator.recoverResources(done.from().framework(), done.from().agent(), done.from().role(),
                            done.resources(), null);
                }
            }
            h.clock.advance(Duration.ofSeconds(1));
            assertEveryAgentAddsUp(h, agents, running);
        }
        // In the end everything comes back.
        for (Task t : running) {
            h.allocator.recoverResources(t.from().framework(), t.from().agent(), t.from().role(), t.resources(), null);
        }
        for (int i = 0; i < agents; i++) {
            assertThat(h.allocator.available(AllocatorHarness.agent(i)).ranges("ports")).isEqualTo(ALL_PORTS);
        }
    }

    private static Resources randomTask(Resources offer, SplittableRandom random) {
        List<Long> ports = new ArrayList<>();
        for (Range r : offer.ranges("ports").range()) {
            for (long p = r.begin(); p <= r.end(); p++) {
                ports.add(p);
            }
        }
        if (ports.size() < 2 || offer.scalar("cpus") < 0.5 || offer.scalar("mem") < 256) {
            return null;
        }
        long p1 = ports.remove(random.nextInt(ports.size()));
        long p2 = ports.get(random.nextInt(ports.size()));
        return Resources.parse("cpus:0.5;mem:256;ports:[" + p1 + "," + p2 + "]");
    }

    private static void assertNoPortTwice(List<Allocation> offers, List<Task> running) {
        Map<AgentId, Ranges> seen = new HashMap<>();
        for (Task t : running) {
            addDisjoint(seen, t.from().agent(), t.resources().ranges("ports"));
        }
        for (Allocation offer : offers) {
            addDisjoint(seen, offer.agent(), offer.resources().ranges("ports"));
        }
    }

    private static void addDisjoint(Map<AgentId, Ranges> seen, AgentId agent, Ranges ports) {
        Ranges before = seen.getOrDefault(agent, Ranges.EMPTY);
        assertThat(before.minus(ports)).as("ports %s on %s handed out twice", ports, agent).isEqualTo(before);
        seen.put(agent, before.plus(ports));
    }

    /** available + tasks' ports = all ports, disjoint; allocated = tasks' ports (offers all answered). */
    private static void assertEveryAgentAddsUp(AllocatorHarness h, int agents, List<Task> running) {
        for (int i = 0; i < agents; i++) {
            AgentId agent = AllocatorHarness.agent(i);
            Ranges used = Ranges.EMPTY;
            for (Task t : running) {
                if (t.from().agent().equals(agent)) {
                    used = used.plus(t.resources().ranges("ports"));
                }
            }
            Ranges available = h.allocator.available(agent).ranges("ports");
            Ranges allocated = h.allocator.allocated(agent).ranges("ports");
            assertThat(allocated).isEqualTo(used);
            assertThat(available.minus(allocated)).isEqualTo(available);
            assertThat(available.plus(allocated)).isEqualTo(ALL_PORTS);
            assertThat(available.size() + allocated.size()).isEqualTo(ALL_PORTS.size());
        }
    }
}
