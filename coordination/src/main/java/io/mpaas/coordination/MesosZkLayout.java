package io.mpaas.coordination;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;

import org.apache.curator.utils.ZKPaths;

/**
 * The names Mesos uses under its ZooKeeper group path, and the names we add beside them. Mesos's detectors
 * (the C++ {@code Group}, mesos-go, mesos-dns, Marathon) list the children of the path, keep those called
 * {@code json.info_<sequence>} and take the lowest sequence as the leader; everything else is skipped. So the
 * latch lives one level down, under {@value #LATCH_CHILD}, where no detector looks.
 */
final class MesosZkLayout {

    /** The label Mesos gives its leader-contender nodes; the data is the contender's MasterInfo as JSON. */
    static final String INFO_PREFIX = "json.info_";

    /** Our Curator LeaderLatch's parent: a child whose name has no {@code _<number>} tail, ignored by Mesos tools. */
    static final String LATCH_CHILD = "leader-latch";

    private MesosZkLayout() {
    }

    static String latchPath(String groupPath) {
        return ZKPaths.makePath(groupPath, LATCH_CHILD);
    }

    /** The path prefix to create EPHEMERAL_SEQUENTIAL nodes with; ZooKeeper appends the 10-digit sequence. */
    static String infoPrefix(String groupPath) {
        return ZKPaths.makePath(groupPath, INFO_PREFIX);
    }

    /** The sequence of a {@code json.info_} child, or empty for any other child (latch, log_replicas, info_). */
    static OptionalLong sequence(String child) {
        if (!child.startsWith(INFO_PREFIX)) {
            return OptionalLong.empty();
        }
        String digits = child.substring(INFO_PREFIX.length());
        if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(digits));
    }

    /** The {@code json.info_} children, lowest sequence (the leader, by Mesos's rule) first. */
    static List<String> infoNodesInOrder(Collection<String> children) {
        return children.stream()
                .filter(child -> sequence(child).isPresent())
                .sorted(Comparator.comparingLong(child -> sequence(child).getAsLong()))
                .toList();
    }
}
