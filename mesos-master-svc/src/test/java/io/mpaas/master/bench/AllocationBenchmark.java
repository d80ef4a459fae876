package io.mpaas.master.bench;

import io.mpaas.master.allocator.Allocation;
import io.mpaas.master.allocator.AllocatorSettings;
import io.mpaas.master.allocator.FrameworkSpec;
import io.mpaas.master.allocator.HierarchicalAllocator;
import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.Resources;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Times one allocation cycle of {@link HierarchicalAllocator} the way Mesos's own benchmark
 * ({@code HierarchicalAllocator_BENCHMARK_Test}) does: N agents of
 * {@code cpus:2;mem:1024;disk:4096;ports:[31000-32000]} and M frameworks in one role (and a
 * variant over 10 roles), a fresh allocator each repetition, the first cycle handing everything
 * out; then a second cycle with everything already offered (steady state); then every offer is
 * declined with a one-hour filter and the next cycle, which must step over those filters, is
 * timed too (Mesos's {@code DeclineOffers} benchmark in one step). Prints a Markdown
 * table of median and p90 after warm-up, with the CPU time of the allocating thread beside the
 * wall-clock time (on a shared machine the wall clock includes waiting for a core). A main
 * class, not a test: timings are never asserted.
 *
 * <p>Arguments: {@code --reps N} measured repetitions (default 15), {@code --warmup N} (default 5).
 */
public final class AllocationBenchmark {

    private static final Resources AGENT = Resources.parse("cpus:2;mem:1024;disk:4096;ports:[31000-32000]");

    /** One configuration: agents, frameworks, and over how many roles the frameworks are spread. */
    private record Scenario(int agents, int frameworks, int roles) {
    }

    /** The measured times of one scenario, in milliseconds: wall clock, and CPU time of the thread. */
    private record Result(Scenario scenario, int offers, double[] firstMs, double[] firstCpuMs, double[] steadyMs,
                          double[] declinedMs) {
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private AllocationBenchmark() {
    }

    public static void main(String[] args) {
        int reps = intArg(args, "--reps", 15);
        int warmup = intArg(args, "--warmup", 5);
        List<Scenario> scenarios = List.of(
                new Scenario(1_000, 100, 1), new Scenario(5_000, 500, 1), new Scenario(10_000, 1_000, 1),
                new Scenario(1_000, 100, 10), new Scenario(5_000, 500, 10), new Scenario(10_000, 1_000, 10));
        // Warm up the JIT on the largest case, then measure every scenario.
        for (int i = 0; i < warmup; i++) {
            runOnce(new Scenario(10_000, 1_000, 1 + 9 * (i % 2)), i, new double[4]);
        }
        List<Result> results = new ArrayList<>();
        for (Scenario s : scenarios) {
            double[] first = new double[reps];
            double[] firstCpu = new double[reps];
            double[] steady = new double[reps];
            double[] declined = new double[reps];
            int offers = 0;
            for (int i = 0; i < reps; i++) {
                double[] times = new double[4];
                offers = runOnce(s, 1000 + i, times);
                first[i] = times[0];
                firstCpu[i] = times[1];
                steady[i] = times[2];
                declined[i] = times[3];
            }
            results.add(new Result(s, offers, first, firstCpu, steady, declined));
        }
        print(results, reps, warmup);
    }

    /** Builds a fresh allocator, times the cycle that hands everything out and the one after it. */
    private static int runOnce(Scenario s, long seed, double[] times) {
        HierarchicalAllocator allocator = new HierarchicalAllocator(AllocatorSettings.defaults(), Clock.systemUTC(),
                new SplittableRandom(seed));
        for (int f = 0; f < s.frameworks(); f++) {
            allocator.addFramework(FrameworkId.of(String.format("bench-%04d", f)),
                    FrameworkSpec.of("role-" + (f % s.roles())), Map.of());
        }
        for (int a = 0; a < s.agents(); a++) {
            allocator.addAgent(AgentId.of("bench-S" + a), AGENT, Map.of());
        }
        // Collect the set-up's garbage now, so that it is not collected inside the timed cycle.
        System.gc();
        long startCpu = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        List<Allocation> offers = allocator.allocate();
        long first = System.nanoTime();
        long firstCpu = THREADS.getCurrentThreadCpuTime();
        List<Allocation> none = allocator.allocate();
        long steady = System.nanoTime();
        // Every framework declines its offer for an hour: the next cycle must pass over the filters.
        for (Allocation offer : offers) {
            allocator.recoverResources(offer.framework(), offer.agent(), offer.role(), offer.resources(),
                    Duration.ofHours(1));
        }
        long declinedStart = System.nanoTime();
        List<Allocation> again = allocator.allocate();
        long declined = System.nanoTime();
        if (offers.size() != s.agents() || !none.isEmpty() || again.size() != s.agents()) {
            throw new IllegalStateException("expected " + s.agents() + " offers, none, then " + s.agents()
                    + " again; got " + offers.size() + ", " + none.size() + ", " + again.size());
        }
        times[0] = (first - start) / 1e6;
        times[1] = (firstCpu - startCpu) / 1e6;
        times[2] = (steady - first) / 1e6;
        times[3] = (declined - declinedStart) / 1e6;
        return offers.size();
    }

    private static void print(List<Result> results, int reps, int warmup) {
        System.out.printf("Allocation cycle, %d repetitions after %d warm-up runs, %s, %d cpus, Java %s, "
                + "load average %.1f at the end%n%n", reps, warmup, System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(), Runtime.version(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.println("| agents | frameworks | roles | offers | full cycle median (ms) | full cycle p90 (ms) "
                + "| full cycle CPU median (ms) | steady cycle median (ms) | steady cycle p90 (ms) "
                + "| after declines median (ms) |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Result r : results) {
            System.out.printf("| %,d | %,d | %d | %,d | %.1f | %.1f | %.1f | %.2f | %.2f | %.1f |%n",
                    r.scenario().agents(), r.scenario().frameworks(), r.scenario().roles(), r.offers(),
                    percentile(r.firstMs(), 50), percentile(r.firstMs(), 90), percentile(r.firstCpuMs(), 50),
                    percentile(r.steadyMs(), 50), percentile(r.steadyMs(), 90), percentile(r.declinedMs(), 50));
        }
    }

    /** Nearest-rank percentile. */
    private static double percentile(double[] values, int p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
