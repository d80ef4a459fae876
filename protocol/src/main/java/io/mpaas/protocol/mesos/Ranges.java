package io.mpaas.protocol.mesos;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Mesos's {@code Value.Ranges} (on the wire {@code {"range": [{"begin":..,"end":..}]}}) with the
 * set arithmetic that port accounting needs. Every instance built through {@link #of} or the
 * arithmetic is normalized: sorted, non-overlapping, adjacent ranges merged, so equality and
 * containment are exact and a port is never counted twice.
 */
public record Ranges(List<Range> range) {
    public Ranges {
        range = range == null ? List.of() : List.copyOf(range);
    }

    public static final Ranges EMPTY = new Ranges(List.of());

    /** Normalizes arbitrary (possibly overlapping, unsorted) ranges. */
    public static Ranges of(List<Range> ranges) {
        if (ranges == null || ranges.isEmpty()) {
            return EMPTY;
        }
        List<Range> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingLong(Range::begin));
        List<Range> merged = new ArrayList<>(sorted.size());
        Range current = sorted.getFirst();
        for (int i = 1; i < sorted.size(); i++) {
            Range next = sorted.get(i);
            if (next.begin() <= current.end() + 1) {
                current = new Range(current.begin(), Math.max(current.end(), next.end()));
            } else {
                merged.add(current);
                current = next;
            }
        }
        merged.add(current);
        return new Ranges(merged);
    }

    public static Ranges of(long begin, long end) {
        return new Ranges(List.of(new Range(begin, end)));
    }

    public boolean isEmpty() {
        return range.isEmpty();
    }

    /** Number of values in all ranges. */
    public long size() {
        long n = 0;
        for (Range r : range) {
            n += r.size();
        }
        return n;
    }

    public Ranges normalized() {
        return of(range);
    }

    public Ranges plus(Ranges other) {
        if (other.isEmpty()) {
            return normalized();
        }
        List<Range> all = new ArrayList<>(range.size() + other.range.size());
        all.addAll(range);
        all.addAll(other.range);
        return of(all);
    }

    /** This set without every value of {@code other}. */
    public Ranges minus(Ranges other) {
        List<Range> result = new ArrayList<>(normalized().range);
        for (Range cut : other.range) {
            List<Range> next = new ArrayList<>(result.size() + 1);
            for (Range r : result) {
                if (cut.end() < r.begin() || cut.begin() > r.end()) {
                    next.add(r);
                    continue;
                }
                if (cut.begin() > r.begin()) {
                    next.add(new Range(r.begin(), cut.begin() - 1));
                }
                if (cut.end() < r.end()) {
                    next.add(new Range(cut.end() + 1, r.end()));
                }
            }
            result = next;
        }
        return new Ranges(result);
    }

    /** Whether every value of {@code other} is in this set. */
    public boolean contains(Ranges other) {
        Ranges mine = normalized();
        for (Range r : other.range) {
            boolean covered = false;
            for (Range m : mine.range) {
                if (m.begin() <= r.begin() && r.end() <= m.end()) {
                    covered = true;
                    break;
                }
            }
            if (!covered) {
                return false;
            }
        }
        return true;
    }

    public boolean contains(long value) {
        for (Range r : range) {
            if (r.begin() <= value && value <= r.end()) {
                return true;
            }
        }
        return false;
    }

    /** Mesos's text form, as in the agent flag and the v0 state: {@code [31000-31005, 31010-31010]}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < range.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(range.get(i));
        }
        return sb.append(']').toString();
    }
}
