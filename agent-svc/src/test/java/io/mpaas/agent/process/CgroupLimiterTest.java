package io.mpaas.agent.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Detection and cgroup creation against fake hierarchies (plain directories and a written
 * mountinfo), one per machine kind the limiter must tell apart. The real machine's hierarchy
 * is exercised by {@link ProcessContainerizerTest}.
 */
class CgroupLimiterTest {

    @TempDir
    Path tmp;

    private Path root;
    private Path mountinfo;

    @BeforeEach
    void paths() throws IOException {
        root = Files.createDirectories(tmp.resolve("cgroup"));
        mountinfo = tmp.resolve("mountinfo");
    }

    @Test
    void v1WithCpuAndCpuacctApart() throws IOException {
        mounts("cgroup rw,memory:memory", "cgroup rw,cpu:cpu", "cgroup rw,cpuacct:cpuacct",
                "cgroup2 rw:unified", "cgroup rw,pids:pids");

        CgroupLimiter limiter = CgroupLimiter.detect(true, root, mountinfo);

        assertThat(limiter.limits()).isEqualTo(new ProcessLimits(true, true, "cgroup v1, memory limits in "
                + root.resolve("memory/mpaas") + ", cpu shares in " + root.resolve("cpu/mpaas")));
        CgroupV1 cgroup = (CgroupV1) limiter.create("c1", 0.5, 64).orElseThrow();
        assertThat(cgroup).isEqualTo(new CgroupV1(root.resolve("memory/mpaas/c1"), root.resolve("cpu/mpaas/c1"),
                root.resolve("cpuacct/mpaas/c1")));
        assertThat(cgroup.memory().resolve("memory.limit_in_bytes")).hasContent("67108864");
        assertThat(cgroup.cpu().resolve("cpu.shares")).hasContent("512");
        assertThat(cgroup.procsFiles()).containsExactly(root.resolve("memory/mpaas/c1/cgroup.procs"),
                root.resolve("cpu/mpaas/c1/cgroup.procs"), root.resolve("cpuacct/mpaas/c1/cgroup.procs"));
    }

    @Test
    void v1WithCpuAndCpuacctTogether() throws IOException {
        mounts("cgroup rw,memory:memory", "cgroup rw,cpu,cpuacct:cpu,cpuacct");

        CgroupV1 cgroup = (CgroupV1) CgroupLimiter.detect(true, root, mountinfo).create("c1", 0.001, 0)
                .orElseThrow();

        assertThat(cgroup.cpuacct()).isEqualTo(cgroup.cpu()).isEqualTo(root.resolve("cpu,cpuacct/mpaas/c1"));
        assertThat(cgroup.directories()).hasSize(2);
        // Mesos's minimum of 2 shares; no memory limit for mem 0, but the cgroup still accounts.
        assertThat(cgroup.cpu().resolve("cpu.shares")).hasContent("2");
        assertThat(cgroup.memory().resolve("memory.limit_in_bytes")).doesNotExist();
    }

    @Test
    void aHierarchyTheAgentCannotWriteIsLeftOutWithItsReason() throws IOException {
        mounts("cgroup rw,memory:memory", "cgroup rw,cpu,cpuacct:cpu");
        Files.writeString(Files.createDirectories(root.resolve("memory")).resolve("mpaas"), "in the way");

        ProcessLimits limits = CgroupLimiter.detect(true, root, mountinfo).limits();

        assertThat(limits.memory()).isFalse();
        assertThat(limits.cpu()).isTrue();
        assertThat(limits.reason()).contains("cannot create " + root.resolve("memory/mpaas"));
    }

    @Test
    void v2WithDelegatedControllers() throws IOException {
        mounts("cgroup2 rw,nsdelegate:.");
        Files.writeString(root.resolve("cgroup.controllers"), "cpuset cpu io memory pids\n");
        Files.writeString(root.resolve("cgroup.subtree_control"), "cpu memory\n");
        Files.writeString(Files.createDirectories(root.resolve("mpaas")).resolve("cgroup.subtree_control"),
                "cpu memory\n");

        CgroupLimiter limiter = CgroupLimiter.detect(true, root, mountinfo);

        assertThat(limiter.limits()).isEqualTo(new ProcessLimits(true, true,
                "cgroup v2 at " + root.resolve("mpaas") + ", memory.max, cpu.weight"));
        CgroupV2 cgroup = (CgroupV2) limiter.create("c1", 0.5, 64).orElseThrow();
        assertThat(cgroup.dir().resolve("memory.max")).hasContent("67108864");
        // 512 shares onto the weight scale, as runc converts them.
        assertThat(cgroup.dir().resolve("cpu.weight")).hasContent("20");
    }

    @Test
    void v2WhoseControllersCannotBeEnabled() throws IOException {
        mounts("cgroup2 rw:.");
        Files.writeString(root.resolve("cgroup.controllers"), "cpu memory\n");
        Files.createDirectories(root.resolve("cgroup.subtree_control"));

        ProcessLimits limits = CgroupLimiter.detect(true, root, mountinfo).limits();

        assertThat(limits.memory()).isFalse();
        assertThat(limits.cpu()).isFalse();
        assertThat(limits.reason()).startsWith("cgroup v2 at " + root + ": cannot enable [cpu, memory]");
    }

    @Test
    void v2WithoutTheControllers() throws IOException {
        mounts("cgroup2 rw:.");
        Files.writeString(root.resolve("cgroup.controllers"), "pids\n");

        assertThat(CgroupLimiter.detect(true, root, mountinfo).limits().reason())
                .isEqualTo("cgroup v2 at " + root + " offers neither the memory nor the cpu controller");
    }

    @Test
    void nothingMountedUnderTheRoot() throws IOException {
        Files.writeString(mountinfo, "31 23 0:28 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n");

        CgroupLimiter limiter = CgroupLimiter.detect(true, root, mountinfo);

        assertThat(limiter.limits()).isEqualTo(ProcessLimits.none("no cgroup hierarchy is mounted under " + root));
        assertThat(limiter.create("c1", 1, 64)).isEmpty();
    }

    @Test
    void disabledByConfiguration() throws IOException {
        mounts("cgroup rw,memory:memory");

        CgroupLimiter limiter = CgroupLimiter.detect(false, root, mountinfo);

        assertThat(limiter.limits().reason()).contains("cgroups-enabled=false");
        assertThat(limiter.create("c1", 1, 64)).isEmpty();
        assertThat(root.resolve("memory/mpaas")).doesNotExist();
    }

    @Test
    void unreadableMountinfo() {
        assertThat(CgroupLimiter.detect(true, root, tmp.resolve("missing")).limits().reason())
                .startsWith("cannot read " + tmp.resolve("missing"));
    }

    /** Writes mountinfo lines for {@code "<type> <options>:<dir under root>"} and makes the directories. */
    private void mounts(String... specs) throws IOException {
        StringBuilder lines = new StringBuilder("22 1 0:21 / / rw,relatime - ext4 /dev/vda rw\n");
        int id = 30;
        for (String spec : specs) {
            String[] typeAndDir = spec.split(":");
            String[] typeAndOptions = typeAndDir[0].split(" ");
            Path point = Files.createDirectories(root.resolve(typeAndDir[1])).normalize();
            lines.append(id++).append(" 23 0:").append(id).append(" / ").append(point)
                    .append(" rw,relatime - ").append(typeAndOptions[0]).append(' ').append(typeAndOptions[0])
                    .append(' ').append(typeAndOptions[1]).append('\n');
        }
        Files.writeString(mountinfo, lines);
    }
}
