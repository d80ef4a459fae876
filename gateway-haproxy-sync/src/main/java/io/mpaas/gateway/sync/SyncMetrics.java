package io.mpaas.gateway.sync;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sync's Prometheus metrics: how far HAProxy lags behind marathon's news, how often it reloads,
 * how many runtime commands it sends, and what went wrong.
 */
public final class SyncMetrics {

    private final Timer lag;
    private final Counter reloadsConfirmed;
    private final Counter reloadsFailed;
    private final Counter runtimeCommands;
    private final MeterRegistry registry;
    private final AtomicInteger problems = new AtomicInteger();

    public SyncMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.lag = Timer.builder("gateway.sync.lag")
                .description("From marathon's news reaching the gateway to HAProxy having it")
                .publishPercentiles(0.5, 0.99).register(registry);
        this.reloadsConfirmed = Counter.builder("gateway.reloads").tag("result", "confirmed").register(registry);
        this.reloadsFailed = Counter.builder("gateway.reloads").tag("result", "failed").register(registry);
        this.runtimeCommands = Counter.builder("gateway.runtime.commands")
                .description("Runtime-API commands sent to HAProxy").register(registry);
        registry.gauge("gateway.app.problems", problems);
    }

    void applied(Duration sinceNews) {
        lag.record(sinceNews);
    }

    void reload(boolean confirmed) {
        (confirmed ? reloadsConfirmed : reloadsFailed).increment();
    }

    void runtime(int commands) {
        runtimeCommands.increment(commands);
    }

    void error(String kind) {
        registry.counter("gateway.errors", "kind", kind).increment();
    }

    void problems(int count) {
        problems.set(count);
    }
}
