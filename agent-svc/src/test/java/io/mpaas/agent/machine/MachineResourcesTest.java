package io.mpaas.agent.machine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mpaas.protocol.mesos.Attribute;
import io.mpaas.protocol.mesos.Ranges;
import org.junit.jupiter.api.Test;

class MachineResourcesTest {

    private static final long GB = 1024L * 1024 * 1024;

    @Test
    void detectedResourcesKeepHeadroomForTheSystem() {
        MachineResources m = MachineResources.of(2, 24 * GB, 100 * GB, new MachineProperties(null, null));
        assertThat(m.resources().scalar("cpus")).isEqualTo(2);
        assertThat(m.resources().scalar("mem")).isEqualTo(23 * 1024);
        assertThat(m.resources().scalar("disk")).isEqualTo(95 * 1024);
        assertThat(m.resources().ranges("ports")).isEqualTo(Ranges.of(31000, 32000));

        MachineResources small = MachineResources.of(1, GB, 4 * GB, new MachineProperties(null, null));
        assertThat(small.resources().scalar("mem")).isEqualTo(512);
        assertThat(small.resources().scalar("disk")).isEqualTo(2048);
    }

    @Test
    void configuredResourcesReplaceTheDetectedOnesByName() {
        MachineResources m = MachineResources.of(2, 24 * GB, 100 * GB,
                new MachineProperties("cpus:4;ports:[20000-20010];cpus(web):1", "rack:r1;zone:west"));
        assertThat(m.resources().unreserved().scalar("cpus")).isEqualTo(4);
        assertThat(m.resources().reservedFor("web").scalar("cpus")).isEqualTo(1);
        assertThat(m.resources().scalar("mem")).isEqualTo(23 * 1024);
        assertThat(m.resources().ranges("ports")).isEqualTo(Ranges.of(20000, 20010));
        assertThat(m.attributes()).extracting(Attribute::name).containsExactly("rack", "zone");
    }

    @Test
    void badNotationNamesTheEntry() {
        assertThatThrownBy(() -> MachineResources.of(2, GB, GB, new MachineProperties("cpus:four", null)))
                .hasMessageContaining("cpus:four");
    }
}
