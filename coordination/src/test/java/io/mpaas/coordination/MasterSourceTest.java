package io.mpaas.coordination;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpaas.protocol.mesos.client.MasterLocator;
import java.net.URI;
import org.junit.jupiter.api.Test;

class MasterSourceTest {

    @Test
    void aListOfUrlsIsTriedInTurnAndABareHostPortMeansHttp() {
        try (MasterSource source = MasterSource.open(" m1:5050, https://m2:5050 ,", MasterLocator.AGENT_SPREAD)) {
            MasterLocator locator = source.locator();
            assertThat(locator.current()).contains(URI.create("http://m1:5050"));
            locator.unusable(URI.create("http://m1:5050"));
            assertThat(locator.current()).contains(URI.create("https://m2:5050"));
        }
    }
}
