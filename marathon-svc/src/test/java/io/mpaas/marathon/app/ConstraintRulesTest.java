package io.mpaas.marathon.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConstraintRulesTest {

    private static final String IS_MESSAGE = "IS only supports Mesos text and float values "
            + "(see http://mesos.apache.org/documentation/latest/attributes-resources/)";

    private static List<String> c(String... fields) {
        return Arrays.asList(fields);
    }

    static Stream<Arguments> validConstraints() {
        return Stream.of(
                Arguments.of(c("hostname", "UNIQUE")),
                Arguments.of(c("@hostname", "unique")),
                Arguments.of(c("rack", "CLUSTER")),
                Arguments.of(c("rack", "CLUSTER", "rack-1")),
                Arguments.of(c("rack", "GROUP_BY")),
                Arguments.of(c("rack", "GROUP_BY", "3")),
                Arguments.of(c("rack", "MAX_PER", "2")),
                Arguments.of(c("hostname", "LIKE", "srv[0-9]+")),
                Arguments.of(c("hostname", "UNLIKE", ".*\\.test")),
                Arguments.of(c("@zone", "IS", "eu-west-1a")),
                Arguments.of(c("cpus", "IS", "2.5")));
    }

    @ParameterizedTest
    @MethodSource
    void validConstraints(List<String> constraint) {
        assertThat(ConstraintRules.errors(constraint)).isEmpty();
    }

    static Stream<Arguments> invalidConstraints() {
        return Stream.of(
                Arguments.of(c("hostname"), "Each constraint must have either 2 or 3 fields"),
                Arguments.of(c("hostname", "LIKE", "a", "b"), "Each constraint must have either 2 or 3 fields"),
                Arguments.of(c(), "Each constraint must have either 2 or 3 fields"),
                Arguments.of(null, "Each constraint must have either 2 or 3 fields"),
                Arguments.of(c("", "UNIQUE"), "missing field for constraint declaration"),
                Arguments.of(c(null, "UNIQUE"), "missing field for constraint declaration"),
                Arguments.of(c("hostname", "NEAR"), "operator must be one of the following UNIQUE, CLUSTER, GROUP_BY, "
                        + "LIKE, MAX_PER, UNLIKE or IS"),
                Arguments.of(c("hostname", null), "operator must be one of the following UNIQUE, CLUSTER, GROUP_BY, "
                        + "LIKE, MAX_PER, UNLIKE or IS"),
                Arguments.of(c("hostname", "UNIQUE", "x"), "UNIQUE does not accept a value"),
                Arguments.of(c("rack", "GROUP_BY", "two"),
                        "GROUP BY must define an integer value or else no value at all"),
                Arguments.of(c("rack", "MAX_PER"), "MAX_PER requires an integer value"),
                Arguments.of(c("rack", "MAX_PER", "1.5"), "MAX_PER requires an integer value"),
                Arguments.of(c("hostname", "LIKE"), "LIKE and UNLIKE require a non-empty, regular expression value"),
                Arguments.of(c("hostname", "UNLIKE", ""),
                        "LIKE and UNLIKE require a non-empty, regular expression value"),
                Arguments.of(c("hostname", "LIKE", "srv[0-9"), "is not a valid regular expression"),
                Arguments.of(c("hostname", "UNLIKE", "*"), "is not a valid regular expression"),
                Arguments.of(c("rack", "IS", "{a,b}"), IS_MESSAGE),
                Arguments.of(c("rack", "IS", "[1-2]"), IS_MESSAGE),
                Arguments.of(c("rack", "IS"), IS_MESSAGE));
    }

    @ParameterizedTest
    @MethodSource
    void invalidConstraints(List<String> constraint, String message) {
        assertThat(ConstraintRules.errors(constraint)).containsExactly(message);
    }
}
