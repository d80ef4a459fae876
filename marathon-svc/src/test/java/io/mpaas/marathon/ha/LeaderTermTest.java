package io.mpaas.marathon.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeaderTermTest {

    private final List<String> log = new ArrayList<>();

    /** Leader work that writes what happens to it into the shared log, and can be told to fail. */
    private LeaderWork work(String name, boolean failToStart, boolean failToStop) {
        return new LeaderWork() {
            @Override
            public void onElected() {
                log.add(name + " elected");
                if (failToStart) {
                    throw new IllegalStateException(name + " cannot start");
                }
            }

            @Override
            public void onRevoked() {
                log.add(name + " revoked");
                if (failToStop) {
                    throw new IllegalStateException(name + " cannot stop");
                }
            }
        };
    }

    private LeaderWork work(String name) {
        return work(name, false, false);
    }

    @Test
    void startsInOrderAndStopsInReverse() {
        LeaderTerm term = new LeaderTerm(() -> List.of(work("subscription"), work("deployments"), work("health")));

        term.begin();
        term.end();

        assertThat(log).containsExactly("subscription elected", "deployments elected", "health elected",
                "health revoked", "deployments revoked", "subscription revoked");
    }

    @Test
    void aPieceThatCannotStartStopsThoseBeforeItAndFailsTheTerm() {
        LeaderTerm term = new LeaderTerm(() -> List.of(work("subscription"), work("deployments", true, false),
                work("health")));

        assertThatThrownBy(term::begin).hasMessage("deployments cannot start");

        assertThat(log).containsExactly("subscription elected", "deployments elected", "subscription revoked");
        term.end();
        assertThat(log).as("nothing left running to stop").hasSize(3);
    }

    @Test
    void aPieceThatCannotStopDoesNotKeepTheOthersRunning() {
        LeaderTerm term = new LeaderTerm(() -> List.of(work("subscription"), work("deployments", false, true),
                work("health")));
        term.begin();

        term.end();

        assertThat(log).endsWith("health revoked", "deployments revoked", "subscription revoked");
    }

    @Test
    void endingBetweenTermsDoesNothingAndTermsRepeat() {
        LeaderTerm term = new LeaderTerm(() -> List.of(work("loops")));
        term.end();
        term.begin();
        term.end();
        term.end();
        term.begin();

        assertThat(log).containsExactly("loops elected", "loops revoked", "loops elected");
    }

    @Test
    void aSecondBeginWithoutEndIsAnError() {
        LeaderTerm term = new LeaderTerm(() -> List.of(work("loops")));
        term.begin();

        assertThatThrownBy(term::begin).isInstanceOf(IllegalStateException.class);
        assertThat(log).containsExactly("loops elected");
    }

    @Test
    void theWorkIsLookedUpWhenTheFirstTermBeginsNotBefore() {
        List<LeaderWork> registered = new ArrayList<>();
        LeaderTerm term = new LeaderTerm(() -> List.copyOf(registered));
        registered.add(work("registered later"));

        term.begin();

        assertThat(log).containsExactly("registered later elected");
    }
}
