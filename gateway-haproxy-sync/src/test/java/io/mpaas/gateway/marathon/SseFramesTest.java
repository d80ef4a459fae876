package io.mpaas.gateway.marathon;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpaas.gateway.marathon.SseFrames.Frame;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseFramesTest {

    private static List<Frame> feed(String... lines) {
        SseFrames frames = new SseFrames();
        List<Frame> out = new ArrayList<>();
        for (String line : lines) {
            frames.accept(line).ifPresent(out::add);
        }
        return out;
    }

    @Test
    void marathonsFramingGivesOneFramePerBlankLine() {
        assertThat(feed("event: status_update_event", "data: {\"a\":1}", "",
                "event: api_post_event", "data: {\"b\":2}", ""))
                .containsExactly(new Frame("status_update_event", "{\"a\":1}"), new Frame("api_post_event", "{\"b\":2}"));
    }

    @Test
    void keepaliveCommentsAndEmptyFramesGiveNothing() {
        assertThat(feed(":", "", ":", "", "", "event: x", "")).isEmpty();
    }

    @Test
    void dataLinesAreJoinedAndOneLeadingSpaceDropped() {
        assertThat(feed("event:x", "data:  two spaces", "data:", "data: last", ""))
                .containsExactly(new Frame("x", " two spaces\n\nlast"));
    }

    @Test
    void aFrameWithoutEventIsAMessageAndUnknownFieldsAreIgnored() {
        assertThat(feed("id: 7", "retry: 100", "data: d", "", "event: y", "data", ""))
                .containsExactly(new Frame("message", "d"), new Frame("y", ""));
    }

    @Test
    void theEventNameDoesNotCarryOverToTheNextFrame() {
        assertThat(feed("event: a", "data: 1", "", "data: 2", ""))
                .containsExactly(new Frame("a", "1"), new Frame("message", "2"));
    }

    @Test
    void aFrameCutOffByTheEndOfTheStreamIsNotDispatched() {
        assertThat(feed("event: a", "data: 1")).isEmpty();
    }
}
