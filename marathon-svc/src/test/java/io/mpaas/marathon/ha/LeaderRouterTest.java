package io.mpaas.marathon.ha;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpaas.marathon.ha.LeaderRouter.Forward;
import io.mpaas.marathon.ha.LeaderRouter.Inbound;
import io.mpaas.marathon.ha.LeaderRouter.Redirect;
import io.mpaas.marathon.ha.LeaderRouter.Refuse;
import io.mpaas.marathon.ha.LeaderRouter.Serve;
import io.mpaas.marathon.ha.LeaderRouter.Unknown;
import io.mpaas.marathon.ha.LeaderRouter.View;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LeaderRouterTest {

    private static final String SELF = "m2.example:8080";
    private static final String LEADER = "m1.example:8080";
    private static final View LEADING = new View(true, Optional.of(SELF), SELF);
    private static final View STANDBY = new View(false, Optional.of(LEADER), SELF);

    private static Inbound request(String method, String path, String query, String... via) {
        return new Inbound(method, "http", path, query, List.of(via));
    }

    @Test
    void theLeaderServesAndNamesItselfWithTheRequestsScheme() {
        assertThat(LeaderRouter.route(request("POST", "/v2/apps", null), LEADING))
                .isEqualTo(new Serve(Optional.of("http://" + SELF)));
        assertThat(LeaderRouter.route(new Inbound("GET", "https", "/v2/apps", null, List.of()), LEADING))
                .isEqualTo(new Serve(Optional.of("https://" + SELF)));
    }

    @Test
    void theLeaderServesTheEventStreamItself() {
        assertThat(LeaderRouter.route(request("GET", "/v2/events", null), LEADING)).isInstanceOf(Serve.class);
    }

    @Test
    void aStandbyForwardsToTheLeaderKeepingTheEncodedPathAndTheQuery() {
        assertThat(LeaderRouter.route(request("PUT", "/v2/apps/%2Fprod%2Fdb", "force=true"), STANDBY))
                .isEqualTo(new Forward(URI.create("http://" + LEADER + "/v2/apps/%2Fprod%2Fdb?force=true")));
    }

    @Test
    void aStandbyForwardsOverTheSchemeItWasReachedBy() {
        assertThat(LeaderRouter.route(new Inbound("GET", "https", "/ping", null, List.of()), STANDBY))
                .isEqualTo(new Forward(URI.create("https://" + LEADER + "/ping")));
    }

    @Test
    void aStandbyRedirectsTheEventStreamWithItsFilters() {
        assertThat(LeaderRouter.route(request("GET", "/v2/events", "event_type=a&event_type=b"), STANDBY))
                .isEqualTo(new Redirect(URI.create("http://" + LEADER + "/v2/events?event_type=a&event_type=b")));
    }

    @Test
    void onlyGetOfTheEventStreamIsRedirected() {
        assertThat(LeaderRouter.route(request("POST", "/v2/events", null), STANDBY)).isInstanceOf(Forward.class);
        assertThat(LeaderRouter.route(request("GET", "/v2/events/x", null), STANDBY)).isInstanceOf(Forward.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v2/leader", "/v2/info", "/v2/leader/"})
    void aStandbyAnswersWhoLeadsItselfWithoutNamingALeader(String path) {
        assertThat(LeaderRouter.route(request("GET", path, null), STANDBY)).isEqualTo(new Serve(Optional.empty()));
        assertThat(LeaderRouter.route(request("DELETE", path, null), STANDBY))
                .isEqualTo(new Serve(Optional.empty()));
    }

    @Test
    void aStandbyThatFindsItselfAmongTheForwardersRefusesTheLoop() {
        assertThat(LeaderRouter.route(request("GET", "/v2/apps", null, SELF), STANDBY))
                .isEqualTo(new Refuse(502, "Detected proxying loop."));
    }

    @Test
    void aLoopIsFoundInACombinedViaList() {
        assertThat(LeaderRouter.route(request("GET", "/v2/apps", null, "m3.example:8080, " + SELF), STANDBY))
                .isEqualTo(new Refuse(502, "Detected proxying loop."));
    }

    @Test
    void otherForwardersAreNoLoop() {
        assertThat(LeaderRouter.route(request("GET", "/v2/apps", null, "m3.example:8080", "m2.example:80"),
                STANDBY)).isInstanceOf(Forward.class);
    }

    @Test
    void withoutAKnownLeaderAStandbyMustLookAgain() {
        assertThat(LeaderRouter.route(request("GET", "/v2/apps", null),
                new View(false, Optional.empty(), SELF))).isEqualTo(new Unknown());
    }

    @Test
    void aLeaderRecordNamingThisStandbyIsNoLeaderYet() {
        assertThat(LeaderRouter.route(request("GET", "/v2/apps", null),
                new View(false, Optional.of(SELF), SELF))).isEqualTo(new Unknown());
    }

    @Test
    void aPathThatIsNoUriIsRefusedRatherThanForwarded() {
        assertThat(LeaderRouter.route(request("GET", "/v2/apps/a b", null), STANDBY))
                .isInstanceOfSatisfying(Refuse.class, refuse -> assertThat(refuse.status()).isEqualTo(400));
    }
}
