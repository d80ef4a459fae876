package io.mpaas.master.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AclsTest {

    private static final String ACLS = """
            {"permissive": false,
             "register_frameworks": [
               {"principals": {"values": ["marathon"]}, "roles": {"values": ["web", "*"]}},
               {"principals": {"values": ["batch"]}, "roles": {"type": "NONE"}},
               {"principals": {"type": "ANY"}, "roles": {"values": ["sandbox"]}}
             ],
             "teardown_frameworks": [
               {"principals": {"values": ["ops"]}, "framework_principals": {"type": "ANY"}}
             ]}
            """;

    @Test
    void firstMatchingRuleDecides() {
        Acls acls = Acls.parse(ACLS);
        assertThat(acls.mayRegister("marathon", "web")).isTrue();
        assertThat(acls.mayRegister("marathon", "*")).isTrue();
        // marathon matches rule 1 but not its roles; rule 3 (ANY principal) allows sandbox.
        assertThat(acls.mayRegister("marathon", "sandbox")).isTrue();
        assertThat(acls.mayRegister("marathon", "db")).isFalse();
        // NONE as object: batch may register no role at all, even sandbox.
        assertThat(acls.mayRegister("batch", "sandbox")).isFalse();
        assertThat(acls.mayRegister("someone", "sandbox")).isTrue();
        assertThat(acls.mayRegister("someone", "web")).isFalse();
        assertThat(acls.mayTeardown("ops", "marathon")).isTrue();
        assertThat(acls.mayTeardown("marathon", "marathon")).isFalse();
    }

    @Test
    void permissiveByDefault() {
        assertThat(Acls.parse(null).mayRegister("anyone", "any")).isTrue();
        assertThat(Acls.parse("{}").mayRegister(null, "any")).isTrue();
    }

    @Test
    void badAclsNameTheProblem() {
        assertThatThrownBy(() -> Acls.parse("{"))
                .hasMessageStartingWith("mesos.master.security.acls is not valid JSON");
        assertThatThrownBy(() -> Acls.parse("{\"register_frameworks\": {}}"))
                .hasMessage("ACL 'register_frameworks' must be an array");
        assertThatThrownBy(() -> Acls.parse("{\"register_frameworks\": [{\"roles\": {\"type\": \"ANY\"}}]}"))
                .hasMessage("ACL 'register_frameworks' entry lacks 'principals'");
        assertThatThrownBy(() -> Acls.parse(
                "{\"register_frameworks\": [{\"principals\": {\"type\": \"SOME\"}, \"roles\": {\"type\": \"ANY\"}}]}"))
                .hasMessage("ACL 'register_frameworks.principals' has unknown type 'SOME'");
    }
}
