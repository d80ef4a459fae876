package io.mpaas.protocol.mesos;

/** An inclusive range {@code [begin, end]} of unsigned integers, such as ports. */
public record Range(long begin, long end) {
    public Range {
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("invalid range [" + begin + "-" + end + "]");
        }
    }

    public long size() {
        return end - begin + 1;
    }

    @Override
    public String toString() {
        return begin + "-" + end;
    }
}
