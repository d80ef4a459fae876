package io.mpaas.marathon.app;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Marathon's timestamps: ISO-8601 UTC with exactly three fraction digits, {@code 2015-09-29T15:59:51.164Z}. */
public final class MarathonTime {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private MarathonTime() {
    }

    public static String format(Instant instant) {
        return instant == null ? null : FORMAT.format(instant);
    }

    /** Parses a timestamp as clients send it (any ISO-8601 instant), truncated to milliseconds. */
    public static Instant parse(String text) {
        return Instant.parse(text).truncatedTo(ChronoUnit.MILLIS);
    }
}
