package io.mpaas.agent.task;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LaunchTimelineTest {

    @Test
    void eachStepIsNamedWithItsMillisecondsInOrder() {
        LaunchTimeline timeline = new LaunchTimeline();
        timeline.mark("checkpoint");
        timeline.mark("starting");

        // The benchmark's LaunchBreakdown reads exactly this shape: name=milliseconds, space-separated.
        assertThat(timeline.toString()).matches("checkpoint=\\d+ starting=\\d+");
    }

    @Test
    void nothingMarkedIsAnEmptyLine() {
        assertThat(new LaunchTimeline()).hasToString("");
    }
}
