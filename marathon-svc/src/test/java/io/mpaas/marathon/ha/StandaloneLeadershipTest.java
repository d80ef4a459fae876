package io.mpaas.marathon.ha;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StandaloneLeadershipTest {

    private final List<String> log = new ArrayList<>();
    private final LeaderWork loops = new LeaderWork() {
        @Override
        public void onElected() {
            log.add("elected");
        }

        @Override
        public void onRevoked() {
            log.add("revoked");
        }
    };
    private final StandaloneLeadership leadership =
            new StandaloneLeadership(new AdvertisedAddress("m1.example", 8080), new LeaderTerm(() -> List.of(loops)));

    @Test
    void alwaysLeadsAndNamesItself() {
        assertThat(leadership.isLeader()).isTrue();
        assertThat(leadership.self()).isEqualTo("m1.example:8080");
        assertThat(leadership.leaderHostPort()).contains("m1.example:8080");
    }

    @Test
    void theWorkRunsFromStartToStop() {
        leadership.start();
        assertThat(leadership.isRunning()).isTrue();
        leadership.stop();

        assertThat(leadership.isRunning()).isFalse();
        assertThat(log).containsExactly("elected", "revoked");
    }

    @Test
    void abdicatingRestartsTheWorkAsTheOnlyCandidate() {
        leadership.start();

        assertThat(leadership.abdicate()).isTrue();

        assertThat(log).containsExactly("elected", "revoked", "elected");
        assertThat(leadership.isLeader()).isTrue();
    }
}
