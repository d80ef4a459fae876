package io.mpaas.marathon.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mpaas.marathon.MarathonFailure;
import io.mpaas.marathon.app.LabelSelector.Operator;
import io.mpaas.marathon.app.LabelSelector.Requirement;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Marathon's label selector grammar and what each requirement matches. */
class LabelSelectorTest {

    private static final Map<String, String> LABELS = Map.of("tier", "web", "canary", "true", "a b", "x,y");

    @Test
    void parsesEveryKindOfRequirement() {
        assertThat(LabelSelector.parse("tier==web, canary!=false,env in (a,b),  x notin (c), present").requirements())
                .containsExactly(
                        new Requirement("tier", Operator.EQUALS, Set.of("web")),
                        new Requirement("canary", Operator.NOT_EQUALS, Set.of("false")),
                        new Requirement("env", Operator.IN, Set.of("a", "b")),
                        new Requirement("x", Operator.NOT_IN, Set.of("c")),
                        new Requirement("present", Operator.EXISTS, Set.of()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "tier                 | true",
        "nope                 | false",
        "tier==web            | true",
        "tier==db             | false",
        "tier!=db             | true",
        "tier!=web            | false",
        "nope!=web            | false",
        "tier in (db, web)    | true",
        "tier in (db)         | false",
        "tier notin (db)      | true",
        "nope notin (db)      | false",
        "tier==web,canary     | true",
        "tier==web,nope       | false",
        "a\\ b==x\\,y         | true",
        "in                   | false"
    })
    void matches(String selector, boolean expected) {
        assertThat(LabelSelector.parse(selector).matches(LABELS)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "tier==             | a label key or value is missing at the end",
        "==web              | unexpected '=' at position 0",
        "tier in web        | '(' expected at position 8",
        "tier in (a,b       | ')' expected at position 12",
        "tier==web x        | unexpected 'x' at position 10",
        "tier=web           | unexpected '=' at position 4",
        "tier==web,         | a label key or value is missing at the end"
    })
    void refusesWhatDoesNotParse(String selector, String reason) {
        assertThatThrownBy(() -> LabelSelector.parse(selector)).isInstanceOfSatisfying(MarathonFailure.class, e -> {
            assertThat(e.kind()).isEqualTo(MarathonFailure.Kind.INVALID);
            assertThat(e.getMessage()).isEqualTo("Can not parse label selector " + selector + ". Reason: " + reason);
        });
    }

    @Test
    void anAppWithoutLabelsMatchesNoRequirement() {
        assertThat(LabelSelector.parse("tier!=web").matches(null)).isFalse();
    }
}
