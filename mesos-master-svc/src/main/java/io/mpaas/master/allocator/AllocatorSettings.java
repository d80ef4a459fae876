package io.mpaas.master.allocator;

import java.time.Duration;
import java.util.Objects;

/**
 * How the allocator behaves, as Mesos's master flags of the same names. They are settings and
 * not constants because operators tune them: a larger interval batches more work per cycle on
 * big clusters, a longer default refusal calms frameworks that decline everything.
 *
 * @param allocationInterval {@code --allocation_interval}, default 1 s: the period of batch
 *                           cycles, and the shortest refusal filter (a filter shorter than a
 *                           cycle would never hide anything)
 * @param defaultRefuse      {@code Filters.refuse_seconds} default, 5 s: used when a framework
 *                           gives a negative duration
 * @param minAllocatable     {@code --min_allocatable_resources}, default {@code cpus:0.01|mem:32}
 * @param filterGpuResources {@code --filter_gpu_resources}, default true: agents with GPUs are
 *                           offered only to GPU-capable frameworks, so GPU machines are not
 *                           filled with CPU-only work
 */
public record AllocatorSettings(
        Duration allocationInterval,
        Duration defaultRefuse,
        MinAllocatable minAllocatable,
        boolean filterGpuResources) {

    /** The longest refusal Mesos accepts: 365 days. */
    public static final Duration MAX_REFUSE = Duration.ofDays(365);

    public AllocatorSettings {
        Objects.requireNonNull(allocationInterval, "allocationInterval");
        Objects.requireNonNull(defaultRefuse, "defaultRefuse");
        if (allocationInterval.isNegative() || allocationInterval.isZero()) {
            throw new IllegalArgumentException("allocationInterval must be positive: " + allocationInterval);
        }
        if (defaultRefuse.isNegative()) {
            throw new IllegalArgumentException("defaultRefuse must not be negative: " + defaultRefuse);
        }
        minAllocatable = minAllocatable == null ? MinAllocatable.DEFAULT : minAllocatable;
    }

    /** Mesos's defaults: 1 s interval, 5 s refusal, {@code cpus:0.01|mem:32}, GPU filtering on. */
    public static AllocatorSettings defaults() {
        return new AllocatorSettings(Duration.ofSeconds(1), Duration.ofSeconds(5), MinAllocatable.DEFAULT, true);
    }

    /**
     * The refusal a framework asked for, made safe: null means no filter; a negative duration
     * means the default; zero means no filter, as in Mesos (a framework that wants the offer
     * back at once says so with 0); otherwise at least one allocation interval, at most 365 days.
     *
     * @return the filter duration, or null when no filter is to be installed
     */
    public Duration clampRefusal(Duration requested) {
        if (requested == null || requested.isZero()) {
            return null;
        }
        Duration d = requested.isNegative() ? defaultRefuse : requested;
        if (d.isZero()) {
            return null;
        }
        if (d.compareTo(MAX_REFUSE) > 0) {
            d = MAX_REFUSE;
        }
        return d.compareTo(allocationInterval) < 0 ? allocationInterval : d;
    }
}
