package io.mpaas.protocol.mesos.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mpaas.protocol.mesos.MasterInfo;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class MasterLocatorTest {

    private static final URI M1 = URI.create("http://m1:5050");
    private static final URI M2 = URI.create("http://m2:5050");
    private static final URI M3 = URI.create("https://m3:5050");

    @Test
    void aStaticListStaysOnAMasterUntilItIsUnusableThenTriesTheNextInTurn() {
        MasterLocator locator = MasterLocator.of(List.of(M1, M2, M3));

        assertThat(locator.current()).contains(M1);
        assertThat(locator.current()).contains(M1);
        locator.unusable(M1);
        assertThat(locator.current()).contains(M2);
        locator.unusable(M2);
        locator.unusable(M3);
        assertThat(locator.current()).contains(M1);
    }

    @Test
    void aStaleOrForeignReportDoesNotSkipAMaster() {
        MasterLocator locator = MasterLocator.of(List.of(M1, M2));
        locator.unusable(M1);

        locator.unusable(M1);
        locator.unusable(URI.create("http://redirect-target:5050"));

        assertThat(locator.current()).contains(M2);
    }

    @Test
    void parsesMesosStyleMasterLists() {
        StaticMasterLocator locator = StaticMasterLocator.parse(" m1:5050, http://m2:5050/ ,https://m3:5050,");

        assertThat(locator.masters()).containsExactly(M1, M2, M3);
        assertThatThrownBy(() -> StaticMasterLocator.parse(" , ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void adaptsADetectorAndAsksItEveryTime() {
        AtomicReference<Optional<URI>> leader = new AtomicReference<>(Optional.empty());
        MasterLocator locator = MasterLocator.detectedBy(leader::get);

        assertThat(locator.current()).isEmpty();
        leader.set(Optional.of(M2));
        assertThat(locator.current()).contains(M2);
        locator.unusable(M2);
        assertThat(locator.current()).contains(M2);
    }

    @Test
    void aMasterInfoNamesItsBaseUri() {
        MasterInfo info = MasterInfo.of("id", "m1", "10.0.0.1", 5050);

        assertThat(MasterLocator.baseUri(info)).isEqualTo(M1);
    }
}
