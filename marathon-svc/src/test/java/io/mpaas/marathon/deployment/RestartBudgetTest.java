package io.mpaas.marathon.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mpaas.marathon.deployment.RestartBudget.Allowance;
import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.UpgradeStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rolling-restart arithmetic, with the examples of Marathon's documentation. */
class RestartBudgetTest {

    @ParameterizedTest(name = "{0} instances at {1} -> minHealthy {2}")
    @CsvSource({
            "3, 0.7, 3", // the docs' example: ceil(2.1) = 3
            "10, 0.3, 3", // 10 × 0.3 is 3.0000000000000004 in binary floating point; must not round up to 4
            "10, 0.6, 6",
            "4, 0.5, 2",
            "5, 0.5, 3",
            "4, 0.0, 0",
            "4, 1.0, 4",
            "0, 1.0, 0"})
    void minHealthyRoundsUp(int instances, double minimumHealthCapacity, int minHealthy) {
        assertThat(new RestartBudget(instances, minimumHealthCapacity, 1.0).minHealthy()).isEqualTo(minHealthy);
    }

    @ParameterizedTest(name = "{0} instances over {1} -> maxCapacity {2}")
    @CsvSource({
            "3, 0.5, 4", // floor(4.5)
            "10, 0.1, 11",
            "10, 0.2, 12",
            "4, 1.0, 8",
            "4, 0.0, 4",
            "1, 0.5, 1"})
    void maxCapacityRoundsDown(int instances, double maximumOverCapacity, int maxCapacity) {
        assertThat(new RestartBudget(instances, 1.0, maximumOverCapacity).maxCapacity()).isEqualTo(maxCapacity);
    }

    @Test
    void withoutMinimumHealthEveryOldInstanceMayGoFirst() {
        RestartBudget budget = new RestartBudget(4, 0.0, 0.0);

        assertThat(budget.allowance(4, 4, 0, 0)).isEqualTo(new Allowance(4, 0));
        // Once they ended, all new ones start.
        assertThat(budget.allowance(0, 0, 0, 0)).isEqualTo(new Allowance(0, 4));
    }

    @Test
    void fullHealthWithFullOverCapacityRunsBlueGreen() {
        RestartBudget budget = new RestartBudget(4, 1.0, 1.0);

        // All new instances start side by side; nothing old may go yet.
        assertThat(budget.allowance(4, 4, 0, 0)).isEqualTo(new Allowance(0, 4));
        assertThat(budget.allowance(4, 4, 4, 0)).isEqualTo(new Allowance(0, 0));
        // Each new instance that is healthy and ready lets one old one go.
        assertThat(budget.allowance(4, 4, 4, 1)).isEqualTo(new Allowance(1, 0));
        assertThat(budget.allowance(3, 4, 4, 3)).isEqualTo(new Allowance(2, 0));
        assertThat(budget.allowance(1, 4, 4, 4)).isEqualTo(new Allowance(1, 0));
    }

    @Test
    void halfHealthWithoutOverCapacityKillsHalfReplacesItThenTheRest() {
        RestartBudget budget = new RestartBudget(4, 0.5, 0.0);

        assertThat(budget.allowance(4, 4, 0, 0)).isEqualTo(new Allowance(2, 0));
        // The two being killed still hold capacity: nothing starts until they ended.
        assertThat(budget.allowance(2, 4, 0, 0)).isEqualTo(new Allowance(0, 0));
        assertThat(budget.allowance(2, 2, 0, 0)).isEqualTo(new Allowance(0, 2));
        assertThat(budget.allowance(2, 2, 2, 1)).isEqualTo(new Allowance(1, 0));
        assertThat(budget.allowance(1, 2, 2, 2)).isEqualTo(new Allowance(1, 0));
        assertThat(budget.allowance(0, 0, 2, 2)).isEqualTo(new Allowance(0, 2));
    }

    @Test
    void fullHealthWithoutOverCapacityGetsOneExtraInstance() {
        RestartBudget budget = new RestartBudget(3, 1.0, 0.0);

        assertThat(budget.allowance(3, 3, 0, 0)).isEqualTo(new Allowance(0, 1));
        assertThat(budget.allowance(3, 3, 1, 1)).isEqualTo(new Allowance(1, 0));
        assertThat(budget.allowance(2, 3, 1, 1)).isEqualTo(new Allowance(0, 0));
        assertThat(budget.allowance(2, 2, 1, 1)).isEqualTo(new Allowance(0, 1));
    }

    @Test
    void extraInstanceIsGrantedBeforeCapacityIsFull() {
        // Two of three old instances run: starting fills capacity, and the extra is needed all the same.
        assertThat(new RestartBudget(3, 1.0, 0.0).allowance(2, 2, 0, 0)).isEqualTo(new Allowance(0, 2));
    }

    @Test
    void dependentCapacitiesFromTheDocs() {
        // db: 10 instances at 0.6 (and 0.2 over): 6 old and 6 new run side by side at the peak.
        RestartBudget db = new RestartBudget(10, 0.6, 0.2);
        assertThat(db.allowance(10, 10, 0, 0)).isEqualTo(new Allowance(4, 2));
        assertThat(db.allowance(6, 6, 2, 0)).isEqualTo(new Allowance(0, 4));
    }

    @Test
    void moreOldInstancesThanWantedAreKilledAtOnce() {
        // After a forced deployment five old instances run where three are wanted.
        assertThat(new RestartBudget(3, 1.0, 1.0).allowance(5, 5, 0, 0)).isEqualTo(new Allowance(2, 1));
    }

    @Test
    void newInstancesBeyondTheTargetDoNotBuyKills() {
        assertThat(new RestartBudget(2, 1.0, 1.0).allowance(2, 2, 2, 5).killOld()).isEqualTo(2);
        assertThat(new RestartBudget(2, 1.0, 1.0).allowance(2, 2, 2, 1).killOld()).isEqualTo(1);
    }

    @Test
    void neverStartsBeyondTheTarget() {
        assertThat(new RestartBudget(2, 0.0, 1.0).allowance(0, 0, 3, 0)).isEqualTo(new Allowance(0, 0));
    }

    @Test
    void zeroInstancesKillsEverythingAndStartsNothing() {
        assertThat(new RestartBudget(0, 1.0, 1.0).allowance(3, 3, 0, 0)).isEqualTo(new Allowance(3, 0));
    }

    @Test
    void appWithoutStrategyUsesMarathonsDefaults() {
        App app = new App.Builder().id("/a").instances(5).build();

        assertThat(RestartBudget.of(app)).isEqualTo(new RestartBudget(5, 1.0, 1.0));
        assertThat(RestartBudget.of(app.toBuilder().upgradeStrategy(new UpgradeStrategy(0.5, null)).build()))
                .isEqualTo(new RestartBudget(5, 0.5, 1.0));
    }

    @Test
    void rejectsNegativeInstances() {
        assertThatThrownBy(() -> new RestartBudget(-1, 1.0, 1.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("instances must not be negative: -1");
    }

    @Test
    void rejectsMinimumHealthCapacityOutsideZeroToOne() {
        assertThatThrownBy(() -> new RestartBudget(1, 1.5, 1.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("minimumHealthCapacity must be within 0..1: 1.5");
    }

    @Test
    void rejectsMaximumOverCapacityOutsideZeroToOne() {
        assertThatThrownBy(() -> new RestartBudget(1, 1.0, -0.1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maximumOverCapacity must be within 0..1: -0.1");
    }
}
