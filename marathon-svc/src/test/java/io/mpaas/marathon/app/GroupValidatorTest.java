package io.mpaas.marathon.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpaas.protocol.marathon.Group;
import io.mpaas.protocol.marathon.MarathonError.Violation;
import io.mpaas.protocol.marathon.MarathonJson;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupValidatorTest {

    private static List<Violation> check(String json, String base) {
        return GroupValidator.validate(MarathonJson.read(json.replace('\'', '"'), Group.class), PathId.of(base));
    }

    private static Violation violation(String path, String... errors) {
        return new Violation(path, List.of(errors));
    }

    @Test
    void aGroupWithRelativeIdsIsValid() {
        assertThat(check("{'id':'/prod','apps':[{'id':'web','cmd':'x'},{'id':'/prod/db','cmd':'y'}],"
                + "'groups':[{'id':'cache','apps':[{'id':'redis','cmd':'z','dependencies':['../db']}]}],"
                + "'dependencies':['/other']}", "/")).isEmpty();
    }

    @Test
    void appsOutsideTheGroupAreRefused() {
        assertThat(check("{'id':'/group','apps':[{'id':'/app','cmd':'x'}]}", "/")).containsExactly(
                violation("/apps(0)/id", "identifier /app is not child of /group. Hint: use relative paths."));
    }

    @Test
    void appsMustBeDirectChildren() {
        assertThat(check("{'id':'/group','apps':[{'id':'sub/app','cmd':'x'}]}", "/")).containsExactly(
                violation("/apps(0)/id",
                        "identifier /group/sub/app is not child of /group. Hint: use relative paths."));
    }

    @Test
    void subgroupsOutsideTheGroupAreRefused() {
        assertThat(check("{'id':'/group','groups':[{'id':'../other'}]}", "/")).containsExactly(
                violation("/groups(0)/id", "identifier /other is not child of /group. Hint: use relative paths."));
    }

    @Test
    void theGroupMustLieUnderWhereItIsSent() {
        assertThat(check("{'id':'/other'}", "/prod")).containsExactly(
                violation("/id", "identifier /other is not child of /prod. Hint: use relative paths."));
        assertThat(check("{'id':'/prod'}", "/prod")).isEmpty();
        assertThat(check("{'apps':[{'id':'web','cmd':'x'}]}", "/prod")).isEmpty();
    }

    @Test
    void groupIdsFollowThePathRules() {
        assertThat(check("{'id':'/Prod'}", "/")).containsExactly(violation("/id", "must fully match regular "
                + "expression '^(([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])\\.)*([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])"
                + "|(\\.|\\.\\.)$'"));
        assertThat(check("{'id':'/'}", "/")).isEmpty();
    }

    @Test
    void nestedSubgroupsNeedAnId() {
        assertThat(check("{'id':'/g','groups':[{'apps':[]}]}", "/"))
                .containsExactly(violation("/groups(0)/id", "error.path.missing"));
    }

    @Test
    void appViolationsAppearUnderTheAppsPlaceInTheBody() {
        assertThat(check("{'id':'/g','groups':[{'id':'sub','apps':[{'id':'a','cmd':'x'},"
                + "{'id':'b','cmd':'x','cpus':0,'instances':2,"
                + "'labels':{'MARATHON_SINGLE_INSTANCE_APP':'true'},"
                + "'upgradeStrategy':{'minimumHealthCapacity':0,'maximumOverCapacity':0}}]}]}", "/")).containsExactly(
                violation("/groups(0)/apps(1)/cpus", "got 0.0, expected 0.001 or more"),
                violation("/groups(0)/apps(1)", "Single instance app may only have one instance"));
    }

    @Test
    void anAppIdIsUsedOnce() {
        assertThat(check("{'id':'/g','apps':[{'id':'a','cmd':'x'},{'id':'/g/a','cmd':'y'}]}", "/"))
                .containsExactly(violation("/apps(1)/id", "identifier /g/a is used more than once"));
    }

    @Test
    void groupsAndAppsDoNotShareAnId() {
        assertThat(check("{'id':'/g','apps':[{'id':'a','cmd':'x'}],'groups':[{'id':'a'}]}", "/")).containsExactly(
                violation("/groups(0)/id", "Groups and Applications may not have the same identifier."));
    }

    @Test
    void groupDependenciesAreValidIds() {
        assertThat(check("{'id':'/g','dependencies':['ok','Not_OK']}", "/")).containsExactly(
                violation("/dependencies(1)", "must fully match regular expression '^(([a-z0-9]|[a-z0-9][a-z0-9\\-]*"
                        + "[a-z0-9])\\.)*([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])|(\\.|\\.\\.)$'"));
    }
}
