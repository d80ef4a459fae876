package io.mpaas.marathon.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link MarathonTime#format} writes by hand exactly what the pattern would. */
class MarathonTimeTest {

    private static final DateTimeFormatter PATTERN = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    @Test
    void formatsAsThePatternDoes() {
        SplittableRandom random = new SplittableRandom(4);
        for (int i = 0; i < 10_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-30_000_000_000L, 250_000_000_000L),
                    random.nextInt(1_000_000_000));
            assertThat(MarathonTime.format(instant)).as("%s", instant).isEqualTo(PATTERN.format(instant));
        }
    }

    @Test
    void parsesAsInstantParseDoes() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 10_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-30_000_000_000L, 250_000_000_000L),
                    random.nextInt(1_000_000_000));
            String text = PATTERN.format(instant);
            assertThat(MarathonTime.parse(text)).as(text).isEqualTo(Instant.parse(text).truncatedTo(
                    java.time.temporal.ChronoUnit.MILLIS));
        }
        assertThat(MarathonTime.parse("2015-09-29T15:59:51Z")).isEqualTo(Instant.parse("2015-09-29T15:59:51Z"));
        assertThat(MarathonTime.parse("2015-09-29T15:59:51.123456Z"))
                .isEqualTo(Instant.parse("2015-09-29T15:59:51.123Z"));
        assertThat(MarathonTime.parse("2016-02-29T00:00:00.000Z")).isEqualTo(Instant.parse("2016-02-29T00:00:00Z"));
        // What only the general parser reads, it still reads.
        assertThat(MarathonTime.parse("2015-01-01T24:00:00.000Z")).isEqualTo(Instant.parse("2015-01-01T24:00:00.000Z"));
        for (String bad : java.util.List.of("2015-02-29T00:00:00.000Z", "2015-13-01T00:00:00.000Z",
                "2015-01-01T00:00:00.00xZ", "2015-01-01 00:00:00.000Z")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> MarathonTime.parse(bad)).as(bad)
                    .isInstanceOf(java.time.format.DateTimeParseException.class);
        }
    }

    @Test
    void formatsTheEdges() {
        assertThat(MarathonTime.format(Instant.parse("2015-09-29T15:59:51.164999999Z")))
                .isEqualTo("2015-09-29T15:59:51.164Z");
        assertThat(MarathonTime.format(Instant.EPOCH)).isEqualTo("1970-01-01T00:00:00.000Z");
        for (String text : java.util.List.of("1969-12-31T23:59:59.999Z", "9999-12-31T23:59:59.999Z")) {
            assertThat(MarathonTime.format(Instant.parse(text))).isEqualTo(text);
        }
        assertThat(MarathonTime.format(Instant.parse("0999-01-01T00:00:00Z")))
                .isEqualTo(PATTERN.format(Instant.parse("0999-01-01T00:00:00Z")));
        assertThat(MarathonTime.format(null)).isNull();
    }
}
