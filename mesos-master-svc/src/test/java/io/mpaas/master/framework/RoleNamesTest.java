package io.mpaas.master.framework;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RoleNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"*", "web", "eng/web", "a.b", "a-b", "role_1"})
    void valid(String role) {
        assertThat(RoleNames.validate(role)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "|Role name must not be empty",
        ".|Role '.' must not contain '.' or '..' as a path component",
        "..|Role '..' must not contain '.' or '..' as a path component",
        "-web|Role '-web' must not have a path component starting with '-'",
        "/web|Role '/web' must not start or end with '/'",
        "web/|Role 'web/' must not start or end with '/'",
        "a//b|Role 'a//b' must not contain '//'",
        "a/*|Role 'a/*' must not contain '*' as a path component",
        "a b|Role 'a b' must not contain whitespace, control characters or '\\'",
    })
    void invalid(String role, String message) {
        assertThat(RoleNames.validate(role)).contains(message);
    }
}
