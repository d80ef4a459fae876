package io.mpaas.marathon.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MarathonSecurityPropertiesTest {

    @Test
    void theShortFormIsAFullAccessUser() {
        MarathonSecurityProperties properties =
                new MarathonSecurityProperties(null, "ops", "s3cret", null, false, "Mesosphere");

        assertThat(properties.allUsers()).containsExactly(new MarathonSecurityProperties.User("ops", "s3cret", false));
        assertThat(properties.open()).isFalse();
    }

    @Test
    void nothingConfiguredIsOpen() {
        assertThat(new MarathonSecurityProperties(null, null, null, List.of(" "), false, "Mesosphere").open())
                .isTrue();
    }

    @Test
    void aTokenAloneClosesTheApi() {
        assertThat(new MarathonSecurityProperties(null, null, null, List.of("t0ken"), false, "Mesosphere").open())
                .isFalse();
    }

    @Test
    void aUserWithoutAPasswordIsRefused() {
        assertThatThrownBy(() -> new MarathonSecurityProperties(null, "ops", null, null, false, "Mesosphere"))
                .hasMessage("marathon.security.user and marathon.security.password go together");
    }

    @Test
    void anIncompleteUserEntryIsRefused() {
        assertThatThrownBy(() -> new MarathonSecurityProperties.User("ops", "", false))
                .hasMessage("a marathon.security.users entry needs a name and a password");
    }

    @Test
    void secretsNeverShow() {
        MarathonSecurityProperties properties = new MarathonSecurityProperties(
                List.of(new MarathonSecurityProperties.User("viewer", "v1ew", true)), "ops", "s3cret",
                List.of("t0ken"), false, "Mesosphere");

        assertThat(properties.toString()).doesNotContain("s3cret", "v1ew", "t0ken").contains("ops", "viewer");
    }
}
