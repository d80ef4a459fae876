package io.mpaas.agent.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpaas.protocol.mesos.ContainerId;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerIndexTest {

    @TempDir
    Path dir;

    @Test
    void entriesSurviveARoundTripWithPidsAndCgroups() throws Exception {
        ContainerIndex index = new ContainerIndex(dir);
        ContainerRecord v1 = ContainerRecord.of(ContainerId.of("c1"), Path.of("/sandboxes/c1"), "boot", 0.5, 64,
                new CgroupV1(Path.of("/cg/memory/mpaas/c1"), null, Path.of("/cg/cpuacct/mpaas/c1")))
                .withPids(new TaskPids(10, 100, 11, 101));
        ContainerRecord v2 = ContainerRecord.of(ContainerId.of("c2"), Path.of("/sandboxes/c2"), "boot", 1, 0,
                new CgroupV2(Path.of("/cg/mpaas/c2")));

        index.write(v1);
        index.write(v2);

        ContainerIndex reopened = new ContainerIndex(dir);
        assertThat(reopened.read(ContainerId.of("c1"))).contains(v1);
        assertThat(reopened.read(ContainerId.of("c1")).flatMap(ContainerRecord::cgroup)).contains(
                new CgroupV1(Path.of("/cg/memory/mpaas/c1"), null, Path.of("/cg/cpuacct/mpaas/c1")));
        assertThat(reopened.read(ContainerId.of("c2")).flatMap(ContainerRecord::cgroup))
                .contains(new CgroupV2(Path.of("/cg/mpaas/c2")));
        assertThat(reopened.all()).containsExactlyInAnyOrder(v1, v2);
    }

    @Test
    void idsCannotReachOutsideTheDirectory() throws Exception {
        ContainerIndex index = new ContainerIndex(dir);
        ContainerId hostile = ContainerId.of("../../etc/passwd");

        index.write(ContainerRecord.of(hostile, Path.of("/sandbox"), "boot", 1, 1, null));

        assertThat(ContainerRecord.nameOf(hostile)).isEqualTo("_.._.._etc_passwd");
        assertThat(dir.resolve("_.._.._etc_passwd.json")).exists();
        assertThat(index.read(hostile)).isPresent();
    }

    @Test
    void anUnreadableEntryIsSkipped() throws Exception {
        ContainerIndex index = new ContainerIndex(dir);
        Files.writeString(dir.resolve("broken.json"), "{not json");

        assertThat(index.all()).isEmpty();
    }
}
