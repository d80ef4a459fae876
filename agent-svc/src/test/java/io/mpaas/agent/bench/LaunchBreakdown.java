package io.mpaas.agent.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sums up the agent's per-launch timing lines (logger {@value #LOGGER} at DEBUG: "Launch timing
 * of task t: step=ms ..."), so that the benchmark says which launch step took the time.
 */
final class LaunchBreakdown {

    static final String LOGGER = "io.mpaas.agent.launch-timing";

    private static final Pattern LINE = Pattern.compile(
            "(\\w+) timing of (?:task|container) (\\S+)(?: \\(task (\\S+)\\))?(?: (TASK_\\w+))?: (.*)$");
    private static final Pattern STEP = Pattern.compile("(\\w+)=(-?\\d+)");

    private LaunchBreakdown() {
    }

    /** Prints, per step, median, 90th percentile, maximum and sum over the tasks whose id starts with {@code prefix}. */
    static void print(Path agentLog, String prefix) throws IOException {
        if (!Files.exists(agentLog)) {
            return;
        }
        Map<String, List<Long>> steps = new TreeMap<>();
        for (String line : Files.readAllLines(agentLog)) {
            Matcher m = LINE.matcher(line);
            if (!m.find()) {
                continue;
            }
            String task = m.group(3) != null ? m.group(3) : m.group(2);
            if (!task.startsWith(prefix)) {
                continue;
            }
            String kind = m.group(1) + (m.group(4) == null ? "" : " " + m.group(4));
            Matcher step = STEP.matcher(m.group(5));
            while (step.find()) {
                steps.computeIfAbsent(kind + " " + step.group(1), k -> new ArrayList<>())
                        .add(Long.parseLong(step.group(2)));
            }
        }
        if (steps.isEmpty()) {
            return;
        }
        System.out.println("  agent steps (ms: median / p90 / max / sum):");
        steps.forEach((name, values) -> System.out.printf(Locale.ROOT, "    %-28s %5d / %5d / %5d / %6d%n", name,
                LaunchBenchmark.percentile(values, 50), LaunchBenchmark.percentile(values, 90),
                LaunchBenchmark.percentile(values, 100), values.stream().mapToLong(Long::longValue).sum()));
    }
}
