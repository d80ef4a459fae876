package io.mpaas.master.bench;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Reads two {@code jcmd GC.class_histogram} outputs and prints the classes that grew most, per unit. */
final class Histograms {

    private Histograms() {
    }

    static void printGrowth(String before, String after, int units, int top) {
        Map<String, Long> was = bytesByClass(before);
        Map<String, Long> now = bytesByClass(after);
        System.out.println();
        System.out.println("| class | bytes per agent |");
        System.out.println("|---|---:|");
        now.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - was.getOrDefault(e.getKey(), 0L)))
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .limit(top)
                .forEach(e -> System.out.printf(Locale.ROOT, "| `%s` | %.0f |%n", e.getKey(),
                        e.getValue() / (double) units));
        System.out.println();
    }

    /** "  num   #instances  #bytes  class name (module)" rows. */
    private static Map<String, Long> bytesByClass(String histogram) {
        Map<String, Long> bytes = new HashMap<>();
        for (String line : histogram.split("\n")) {
            String[] cols = line.strip().split("\\s+");
            if (cols.length >= 4 && cols[0].endsWith(":")) {
                bytes.merge(cols[3], Long.parseLong(cols[2]), Long::sum);
            }
        }
        return bytes;
    }
}
