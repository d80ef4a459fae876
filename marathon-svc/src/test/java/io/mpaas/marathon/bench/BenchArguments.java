package io.mpaas.marathon.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code --name value} options a benchmark's {@code main} was given, with the defaults it
 * states. An option it does not know is named on stderr (a typo shows) but not refused: the script
 * passes the same options to every benchmark it runs.
 */
record BenchArguments(List<String> args) {

    BenchArguments {
        args = List.copyOf(args);
        for (int i = 0; i < args.size(); i++) {
            if (!args.get(i).startsWith("--") || i + 1 >= args.size()) {
                throw new IllegalArgumentException("expected --name value pairs, got " + args);
            }
            i++;
        }
    }

    static BenchArguments of(String[] args, String... known) {
        BenchArguments parsed = new BenchArguments(Arrays.asList(args));
        List<String> allowed = Arrays.asList(known);
        for (int i = 0; i < parsed.args.size(); i += 2) {
            if (!allowed.contains(parsed.args.get(i))) {
                System.err.println("ignoring option " + parsed.args.get(i) + " (known here: " + allowed + ")");
            }
        }
        return parsed;
    }

    String string(String name, String fallback) {
        for (int i = 0; i < args.size(); i += 2) {
            if (args.get(i).equals(name)) {
                return args.get(i + 1);
            }
        }
        return fallback;
    }

    int integer(String name, int fallback) {
        return Integer.parseInt(string(name, Integer.toString(fallback)));
    }

    double decimal(String name, double fallback) {
        return Double.parseDouble(string(name, Double.toString(fallback)));
    }

    /** A duration written as Spring Boot does in properties: {@code 200ms}, {@code 1s}, {@code 2m}. */
    Duration duration(String name, String fallback) {
        String text = string(name, fallback).strip();
        if (text.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
        }
        if (text.endsWith("s")) {
            return Duration.ofMillis(Math.round(Double.parseDouble(text.substring(0, text.length() - 1)) * 1000));
        }
        if (text.endsWith("m")) {
            return Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1)));
        }
        return Duration.ofMillis(Long.parseLong(text));
    }

    /** A comma-separated list of integers, e.g. {@code 5,100}. */
    List<Integer> integers(String name, String fallback) {
        List<Integer> values = new ArrayList<>();
        for (String part : string(name, fallback).split(",")) {
            values.add(Integer.parseInt(part.strip()));
        }
        return values;
    }
}
