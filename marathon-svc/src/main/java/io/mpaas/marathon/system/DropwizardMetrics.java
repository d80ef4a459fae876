package io.mpaas.marathon.system;

import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.NamingConvention;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.util.HierarchicalNameMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The meters of a Micrometer registry in the JSON shape of Dropwizard's metrics servlet, which
 * Marathon up to 1.6 served at {@code /metrics}: {@code version}, then {@code gauges},
 * {@code counters}, {@code histograms}, {@code meters} and {@code timers} keyed by dotted name (tags
 * appended as {@code .key.value}). Only what Micrometer measures is written: no exponentially
 * decaying rates, and percentiles only for meters configured to publish them. Durations are seconds.
 */
final class DropwizardMetrics {

    static final String VERSION = "4.0.0";

    private DropwizardMetrics() {
    }

    static Map<String, Object> snapshot(MeterRegistry registry) {
        Map<String, Object> gauges = new TreeMap<>();
        Map<String, Object> counters = new TreeMap<>();
        Map<String, Object> histograms = new TreeMap<>();
        Map<String, Object> timers = new TreeMap<>();
        for (Meter meter : registry.getMeters()) {
            if (isDistributionPart(meter.getId())) {
                continue;
            }
            String name = HierarchicalNameMapper.DEFAULT.toHierarchicalName(meter.getId(), NamingConvention.dot);
            meter.use(
                    gauge -> value(gauges, name, gauge.value()),
                    counter -> counters.put(name, Map.of("count", (long) counter.count())),
                    timer -> timers.put(name, timer(timer.count(), timer.takeSnapshot())),
                    summary -> histograms.put(name, histogram(summary.takeSnapshot())),
                    longTask -> timers.put(name, timer(longTask.activeTasks(), longTask.takeSnapshot())),
                    timeGauge -> value(gauges, name, timeGauge.value(TimeUnit.SECONDS)),
                    functionCounter -> counters.put(name, Map.of("count", (long) functionCounter.count())),
                    functionTimer -> {
                        Map<String, Object> fields = new LinkedHashMap<>();
                        fields.put("count", (long) functionTimer.count());
                        fields.put("mean", finite(functionTimer.mean(TimeUnit.SECONDS)));
                        fields.put("duration_units", "seconds");
                        timers.put(name, fields);
                    },
                    other -> {
                        for (Measurement measurement : other.measure()) {
                            value(gauges, name + "." + measurement.getStatistic().getTagValueRepresentation(),
                                    measurement.getValue());
                        }
                    });
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("version", VERSION);
        result.put("gauges", gauges);
        result.put("counters", counters);
        result.put("histograms", histograms);
        result.put("meters", Map.of());
        result.put("timers", timers);
        return result;
    }

    /**
     * The gauges some registries add for each published percentile ({@code x.percentile}, tag
     * {@code phi}) and histogram bucket ({@code x.histogram}, tag {@code le}): here they are fields of
     * their timer or histogram instead.
     */
    private static boolean isDistributionPart(Meter.Id id) {
        return (id.getName().endsWith(".percentile") && id.getTag("phi") != null)
                || (id.getName().endsWith(".histogram") && id.getTag("le") != null);
    }

    private static void value(Map<String, Object> gauges, String name, double value) {
        if (Double.isFinite(value)) {
            gauges.put(name, Map.of("value", value));
        }
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static Map<String, Object> histogram(HistogramSnapshot snapshot) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("count", snapshot.count());
        fields.put("max", finite(snapshot.max()));
        fields.put("mean", finite(snapshot.mean()));
        for (ValueAtPercentile percentile : snapshot.percentileValues()) {
            fields.put(percentileName(percentile.percentile()), finite(percentile.value()));
        }
        return fields;
    }

    private static Map<String, Object> timer(long count, HistogramSnapshot snapshot) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("count", count);
        fields.put("max", finite(snapshot.max(TimeUnit.SECONDS)));
        fields.put("mean", finite(snapshot.mean(TimeUnit.SECONDS)));
        for (ValueAtPercentile percentile : snapshot.percentileValues()) {
            fields.put(percentileName(percentile.percentile()), finite(percentile.value(TimeUnit.SECONDS)));
        }
        fields.put("duration_units", "seconds");
        fields.put("rate_units", "calls/second");
        return fields;
    }

    /** 0.5 as {@code p50}, 0.999 as {@code p999}, Dropwizard's names. */
    static String percentileName(double percentile) {
        long permille = Math.round(percentile * 1000);
        return "p" + (permille % 10 == 0 ? permille / 10 : permille);
    }
}
