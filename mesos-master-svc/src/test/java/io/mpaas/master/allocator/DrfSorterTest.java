package io.mpaas.master.allocator;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpaas.protocol.mesos.Resources;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sorter on its own: order by weighted dominant share, activity, hierarchy, lazy re-sorting. */
class DrfSorterTest {

    private final ResourceShapes shapes = new ResourceShapes();
    private final ScalarQuantities total = new ScalarQuantities();

    private DrfSorter<String> sorter(boolean hierarchical, String... clients) {
        total.add(CompactResources.of(Resources.parse("cpus:100;mem:1000"), shapes), 1, false);
        DrfSorter<String> sorter = new DrfSorter<>(hierarchical, total);
        for (String c : clients) {
            sorter.add(c, c);
            sorter.activate(c);
        }
        return sorter;
    }

    private CompactResources r(String notation) {
        return CompactResources.of(Resources.parse(notation), shapes);
    }

    private static List<String> order(DrfSorter<String> sorter) {
        List<String> list = new ArrayList<>();
        sorter.inOrder().forEach(list::add);
        return list;
    }

    @Test
    void lowestDominantShareComesFirstTiesByName() {
        DrfSorter<String> sorter = sorter(false, "c", "b", "a");
        assertThat(order(sorter)).containsExactly("a", "b", "c");

        sorter.allocated("a", r("cpus:10"));
        sorter.allocated("b", r("mem:50"));

        // a: 10% cpus; b: 5% mem; c: nothing.
        assertThat(order(sorter)).containsExactly("c", "b", "a");
    }

    @Test
    void theOrderReadWhileIteratingDoesNotMoveUntilTheNextRead() {
        DrfSorter<String> sorter = sorter(false, "a", "b");
        List<String> seen = new ArrayList<>();
        for (String client : sorter.inOrder()) {
            seen.add(client);
            sorter.allocated(client, r("cpus:" + (client.equals("a") ? 50 : 1)));
        }
        assertThat(seen).containsExactly("a", "b");
        assertThat(order(sorter)).containsExactly("b", "a");
    }

    @Test
    void inactiveClientsAreLeftOutButKeepTheirAllocation() {
        DrfSorter<String> sorter = sorter(true, "eng/a", "eng/b", "ops");
        sorter.allocated("eng/a", r("cpus:30"));
        sorter.deactivate("eng/a");

        // eng still counts eng/a's 30%, so ops comes first.
        assertThat(order(sorter)).containsExactly("ops", "eng/b");
        sorter.activate("eng/a");
        assertThat(order(sorter)).containsExactly("ops", "eng/b", "eng/a");
        assertThat(sorter.hasActive()).isTrue();
    }

    @Test
    void aRoleWithSubRolesCompetesWithThemThroughItsOwnLeaf() {
        DrfSorter<String> sorter = sorter(true, "eng", "eng/web");
        sorter.allocated("eng", r("cpus:10"));

        assertThat(order(sorter)).containsExactly("eng/web", "eng");
    }

    @Test
    void weightsDivideShares() {
        DrfSorter<String> sorter = sorter(false, "a", "b");
        sorter.allocated("a", r("cpus:30"));
        sorter.allocated("b", r("cpus:20"));
        assertThat(order(sorter)).containsExactly("b", "a");

        sorter.setWeight("a", 2.0);

        assertThat(order(sorter)).containsExactly("a", "b");
    }

    @Test
    void aChangedTotalReSortsEveryone() {
        DrfSorter<String> sorter = sorter(false, "cpu-heavy", "mem-heavy");
        sorter.allocated("cpu-heavy", r("cpus:20"));
        sorter.allocated("mem-heavy", r("mem:100"));
        assertThat(order(sorter)).containsExactly("mem-heavy", "cpu-heavy");

        // Ten times the cpus: cpu-heavy drops from 20% to 2%, below mem-heavy's 10%.
        total.add(CompactResources.of(Resources.parse("cpus:900"), shapes), 1, false);
        sorter.totalChanged();
        assertThat(order(sorter)).containsExactly("cpu-heavy", "mem-heavy");

        // A hundred times the memory: mem-heavy drops to 0.1%.
        total.add(CompactResources.of(Resources.parse("mem:99000"), shapes), 1, false);
        sorter.totalChanged();
        assertThat(order(sorter)).containsExactly("mem-heavy", "cpu-heavy");
    }

    @Test
    void removedClientsNoLongerCountForTheirParents() {
        DrfSorter<String> sorter = sorter(true, "eng/a", "eng/b", "ops");
        sorter.allocated("eng/a", r("cpus:50"));
        sorter.allocated("ops", r("cpus:10"));
        assertThat(order(sorter)).containsExactly("ops", "eng/b", "eng/a");

        sorter.remove("eng/a");

        assertThat(order(sorter)).containsExactly("eng/b", "ops");
        assertThat(sorter.contains("eng/a")).isFalse();
        assertThat(sorter.size()).isEqualTo(2);
    }
}
