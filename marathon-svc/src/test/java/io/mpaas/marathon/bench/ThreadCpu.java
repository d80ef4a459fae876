package io.mpaas.marathon.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CPU time per platform thread of this JVM between two moments, for finding where a benchmark's CPU
 * goes without a profiler: virtual threads show as their carriers ({@code ForkJoinPool-1-worker-*}),
 * numbered names are folded together.
 */
final class ThreadCpu {

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> start = new HashMap<>();

    ThreadCpu() {
        for (long id : threads.getAllThreadIds()) {
            start.put(id, Math.max(0, threads.getThreadCpuTime(id)));
        }
    }

    /** The busiest thread groups since construction, as {@code name seconds} pairs, busiest first. */
    String busiest(int count) {
        Map<String, Long> byName = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            long cpu = threads.getThreadCpuTime(id);
            ThreadInfo info = threads.getThreadInfo(id);
            if (cpu < 0 || info == null) {
                continue;
            }
            String name = info.getThreadName().replaceAll("\\d+", "N");
            byName.merge(name, cpu - start.getOrDefault(id, 0L), Long::sum);
        }
        List<Map.Entry<String, Long>> sorted = new ArrayList<>(byName.entrySet());
        sorted.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, Long> e : sorted.subList(0, Math.min(count, sorted.size()))) {
            text.append(String.format(Locale.ROOT, "%s %.1f s; ", e.getKey(), e.getValue() / 1e9));
        }
        return text.toString();
    }
}
