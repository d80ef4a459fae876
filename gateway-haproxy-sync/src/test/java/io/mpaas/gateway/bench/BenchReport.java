package io.mpaas.gateway.bench;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The benchmarks' output: Markdown tables, the machine they ran on, and percentiles of samples. */
final class BenchReport {

    private final List<String[]> rows = new ArrayList<>();
    private final String[] header;

    BenchReport(String... header) {
        this.header = header;
    }

    BenchReport row(Object... cells) {
        String[] text = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            text[i] = String.valueOf(cells[i]);
        }
        rows.add(text);
        return this;
    }

    void print() {
        System.out.println("| " + String.join(" | ", header) + " |");
        System.out.println("|" + "---|".repeat(header.length));
        rows.forEach(row -> System.out.println("| " + String.join(" | ", row) + " |"));
        System.out.println();
    }

    /** The machine's table: processors as {@code nproc} counts them, CPU model, HAProxy version. */
    static void printMachine() {
        new BenchReport("machine", "value")
                .row("nproc", command("nproc"))
                .row("CPU", cpuModel())
                .row("HAProxy", command("haproxy", "-v").lines().findFirst().orElse("?"))
                .row("Java", System.getProperty("java.vm.name") + " " + Runtime.version())
                .print();
    }

    /** The gateway logs at INFO on every change; a benchmark's output is its tables only. */
    static void quietLogs() {
        Logger root = LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        if (root instanceof ch.qos.logback.classic.Logger logback) {
            logback.setLevel(Level.WARN);
        }
    }

    /** Nearest-rank percentile of samples in nanoseconds, as milliseconds. */
    static String percentileMs(List<Long> nanos, double percentile) {
        List<Long> sorted = nanos.stream().sorted().toList();
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.size());
        return ms(sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1))));
    }

    static long median(List<Long> nanos) {
        List<Long> sorted = nanos.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e6);
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static String command(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            process.waitFor();
            return out;
        } catch (IOException e) {
            return "?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }
}
