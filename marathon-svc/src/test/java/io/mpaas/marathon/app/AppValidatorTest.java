package io.mpaas.marathon.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.MarathonError.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** One test per rule of the app validator, asserting the exact paths and messages clients see. */
class AppValidatorTest {

    static final String ID_REGEX = "must fully match regular expression "
            + "'^(([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])\\.)*([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])|(\\.|\\.\\.)$'";
    static final String DOCKER = "'container':{'docker':{'image':'nginx'}}";
    static final String BRIDGE = "'networks':[{'mode':'container/bridge'}]";

    /** The violations of an app given as JSON with single quotes, after normalization (as the API runs them). */
    static List<Violation> check(String json) {
        App app = AppNormalizerTest.app(json);
        return AppValidator.validate(AppNormalizer.normalize(app, PathId.ROOT));
    }

    /** An app with a command and an id plus {@code fields}. */
    static List<Violation> checkFields(String fields) {
        return check("{'id':'/web','cmd':'sleep 100'" + (fields.isEmpty() ? "" : "," + fields) + "}");
    }

    static Violation violation(String path, String... errors) {
        return new Violation(path, List.of(errors));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{'id':'/web','cmd':'x'}",
        "{'id':'/prod/db.main/my-app2','args':['a','b']}",
        "{'id':'/web','networks':[{'mode':'container/bridge'}],'container':{'docker':{'image':'nginx'},"
                + "'portMappings':[{'containerPort':80,'name':'http'}]},'healthChecks':[{'protocol':'MESOS_HTTP'}],"
                + "'readinessChecks':[{'portName':'http'}],'constraints':[['hostname','UNIQUE']],"
                + "'acceptedResourceRoles':['*']}",
        "{'id':'/web','cmd':'x','gpus':1,'container':{'type':'MESOS'}}",
        "{'id':'/web','cmd':'x','ports':[80],'uris':['http://x/a.tgz'],'healthChecks':[{'protocol':'TCP'}]}",
        "{'id':'/web','container':{'docker':{'image':'i','network':'BRIDGE','portMappings':[{'containerPort':80}]}}}"
    })
    void validAppsHaveNoViolations(String json) {
        assertThat(check(json)).isEmpty();
    }

    @Test
    void idIsRequired() {
        assertThat(check("{'cmd':'x'}")).containsExactly(violation("/id", "error.path.missing"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a b", "/-dash", "/dash-", "/upperCase", "/under_score", "/prod/a#b"})
    void idSegmentsMustMatchMarathonsPattern(String id) {
        assertThat(check("{'id':'" + id + "','cmd':'x'}")).containsExactly(violation("/id", ID_REGEX));
    }

    @ParameterizedTest
    @ValueSource(strings = {"restart", "tasks", "versions"})
    void idMustNotEndInAReservedWord(String word) {
        assertThat(check("{'id':'/prod/" + word + "','cmd':'x'}")).containsExactly(violation("/id",
                "must not end with any of the following reserved keywords: restart, tasks, versions, ., .."));
    }

    @Test
    void idMustNotBeTheRoot() {
        assertThat(check("{'id':'/','cmd':'x'}")).containsExactly(violation("/id", "must not be root"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{'id':'/web'}", "{'id':'/web','cmd':'x','args':['y']}",
        "{'id':'/web','args':[]}", "{'id':'/web','container':{'type':'DOCKER'},'cmd':'x','args':['y']}"})
    void needsExactlyOneOfCmdOrArgsOrAContainer(String json) {
        assertThat(check(json)).contains(violation("/",
                "AppDefinition must either contain one of 'cmd' or 'args', and/or a 'container'."));
    }

    @Test
    void cmdMustNotBeEmpty() {
        assertThat(check("{'id':'/web','cmd':''," + DOCKER + "}"))
                .containsExactly(violation("/cmd", "must not be an empty string"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "'instances':-1                  | /instances                  | got -1, expected 0 or more",
        "'cpus':0.0                      | /cpus                       | got 0.0, expected 0.001 or more",
        "'mem':-1.0                      | /mem                        | got -1.0, expected 0.0 or more",
        "'disk':-0.5                     | /disk                       | got -0.5, expected 0.0 or more",
        "'gpus':-1                       | /gpus                       | got -1, expected 0 or more",
        "'backoffSeconds':-1             | /backoffSeconds             | got -1, expected 0 or more",
        "'backoffFactor':0.5             | /backoffFactor              | got 0.5, expected 1.0 or more",
        "'maxLaunchDelaySeconds':-1      | /maxLaunchDelaySeconds      | got -1, expected 0 or more",
        "'taskKillGracePeriodSeconds':-1 | /taskKillGracePeriodSeconds | got -1, expected 0 or more"
    })
    void numbersHaveLowerBounds(String field, String path, String message) {
        assertThat(checkFields(field)).containsExactly(violation(path, message));
    }

    @Test
    void gpusNeedTheMesosContainerizer() {
        assertThat(checkFields("'gpus':1," + DOCKER))
                .containsExactly(violation("/", "GPU resources only work with the Mesos containerizer"));
    }

    @Test
    void executorMustMatchItsPattern() {
        assertThat(checkFields("'executor':'/test//path'")).containsExactly(violation("/executor",
                "must fully match regular expression '^(//cmd)|(/?[^/]+(/[^/]+)*)|$'"));
    }

    @Test
    void environmentVariableNamesMustBeUsable() {
        assertThat(checkFields("'env':{'A=B':'x'}")).containsExactly(violation("/env",
                "'A=B' is not a valid environment variable name: it must not be empty or contain '=' or NUL"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{'minimumHealthCapacity':1.5} | /upgradeStrategy/minimumHealthCapacity | is greater than 1",
        "{'minimumHealthCapacity':-0.1} | /upgradeStrategy/minimumHealthCapacity | is less than 0",
        "{'maximumOverCapacity':1.01}  | /upgradeStrategy/maximumOverCapacity   | is greater than 1",
        "{'maximumOverCapacity':-1}    | /upgradeStrategy/maximumOverCapacity   | is less than 0"
    })
    void upgradeStrategyFractionsLieBetweenZeroAndOne(String strategy, String path, String message) {
        assertThat(checkFields("'upgradeStrategy':" + strategy)).containsExactly(violation(path, message));
    }

    @Test
    void singleInstanceAppsRunOneInstance() {
        assertThat(checkFields("'instances':2,'labels':{'MARATHON_SINGLE_INSTANCE_APP':'true'},"
                + "'upgradeStrategy':{'minimumHealthCapacity':0,'maximumOverCapacity':0}"))
                .containsExactly(violation("/", "Single instance app may only have one instance"));
    }

    @Test
    void singleInstanceAppsStopBeforeTheyStart() {
        assertThat(checkFields("'labels':{'MARATHON_SINGLE_INSTANCE_APP':'true'}")).containsExactly(
                violation("/upgradeStrategy/minimumHealthCapacity", "got 1.0, expected 0.0"),
                violation("/upgradeStrategy/maximumOverCapacity", "got 1.0, expected 0.0"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{'inactiveAfterSeconds':-1,'expungeAfterSeconds':5} | /unreachableStrategy/inactiveAfterSeconds "
                + "| inactiveAfterSeconds (-1) must be greater than or equal to 0",
        "{'inactiveAfterSeconds':0,'expungeAfterSeconds':-1} | /unreachableStrategy/expungeAfterSeconds "
                + "| expungeAfterSeconds (-1) must be greater than or equal to 0",
        "{'inactiveAfterSeconds':10,'expungeAfterSeconds':5} | /unreachableStrategy/inactiveAfterSeconds "
                + "| inactiveAfterSeconds (10) must be less or equal to expungeAfterSeconds, which is 5"
    })
    void unreachableStrategyTimesAreOrdered(String strategy, String path, String message) {
        assertThat(checkFields("'unreachableStrategy':" + strategy)).containsExactly(violation(path, message));
    }

    @Test
    void killSelectionIsYoungestOrOldestFirst() {
        assertThat(checkFields("'killSelection':'RANDOM'")).containsExactly(
                violation("/killSelection", "got RANDOM, expected one of: [YOUNGEST_FIRST, OLDEST_FIRST]"));
    }

    @Test
    void constraintViolationsNameTheConstraint() {
        assertThat(checkFields("'constraints':[['hostname','UNIQUE'],['hostname','NEAR']]")).containsExactly(
                violation("/constraints(1)", "operator must be one of the following UNIQUE, CLUSTER, GROUP_BY, "
                        + "LIKE, MAX_PER, UNLIKE or IS"));
    }

    @Test
    void acceptedResourceRolesMustNotBeEmptyWhenGiven() {
        assertThat(checkFields("'acceptedResourceRoles':[]"))
                .containsExactly(violation("/acceptedResourceRoles", "must not be empty"));
    }

    @Test
    void acceptedResourceRolesAreUnique() {
        assertThat(checkFields("'acceptedResourceRoles':['*','*']"))
                .containsExactly(violation("/acceptedResourceRoles", "Elements must be unique."));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''    | A role name must not be \"\".",
        "..    | A role name must not be \"..\".",
        "-web  | A role name must not start with a '-'.",
        "a b   | A role name must not include a space (\\x20) character.",
        "a/b   | A role name must not include a slash (\\x2f) character."
    })
    void roleNamesFollowMesosRules(String role, String message) {
        assertThat(checkFields("'acceptedResourceRoles':['" + role + "']"))
                .containsExactly(violation("/acceptedResourceRoles(0)", message));
        assertThat(checkFields("'role':'" + role + "'")).containsExactly(violation("/role", message));
    }

    @Test
    void dependenciesMustBeValidIds() {
        assertThat(checkFields("'dependencies':['/ok','/Not_OK','/']")).containsExactly(
                violation("/dependencies(1)", ID_REGEX), violation("/dependencies(2)", "must not be root"));
    }

    @Test
    void fetchNeedsAUri() {
        assertThat(checkFields("'fetch':[{'uri':'http://x/a'},{'extract':false}]"))
                .containsExactly(violation("/fetch(1)/uri", "must not be empty"));
    }

    @Test
    void fetchUrisMustParse() {
        assertThat(checkFields("'fetch':[{'uri':'http://x/a b'}]"))
                .containsExactly(violation("/fetch(0)/uri", "URI has invalid syntax."));
        assertThat(checkFields("'uris':['http://x/a b'],'fetch':[{'uri':'http://x/b'}]"))
                .contains(violation("/uris(0)", "URI has invalid syntax."));
    }

    @Test
    void urisAndFetchCannotBeCombined() {
        assertThat(checkFields("'uris':['http://x/a'],'fetch':[{'uri':'http://x/b'}]"))
                .containsExactly(violation("/uris", "may not be set in conjunction with fetch"));
    }

    @Test
    void violationsAreGroupedByPathInRuleOrder() {
        assertThat(check("{'id':'/Web','cpus':0,'mem':-1,'instances':-1}")).containsExactly(
                violation("/id", ID_REGEX),
                violation("/", "AppDefinition must either contain one of 'cmd' or 'args', and/or a 'container'."),
                violation("/instances", "got -1, expected 0 or more"),
                violation("/cpus", "got 0.0, expected 0.001 or more"),
                violation("/mem", "got -1.0, expected 0.0 or more"));
    }

    @Test
    void anAppThatWasNotNormalizedIsJudgedTheSameWay() {
        App raw = AppNormalizerTest.app("{'id':'/a','container':{'docker':{'image':'i'}},'healthChecks':[{}],"
                + "'constraints':[['hostname','unique']]}");
        assertThat(AppValidator.validate(raw)).containsExactly(violation("/healthChecks(0)/portIndex",
                "Health check port indices must address an element of the ports array or container port mappings."));
    }
}
