package io.mpaas.marathon.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.Container;
import io.mpaas.protocol.marathon.Fetch;
import io.mpaas.protocol.marathon.HealthCheck;
import io.mpaas.protocol.marathon.MarathonJson;
import io.mpaas.protocol.marathon.Network;
import io.mpaas.protocol.marathon.PortDefinition;
import io.mpaas.protocol.marathon.PortMapping;
import io.mpaas.protocol.marathon.ReadinessCheck;
import io.mpaas.protocol.marathon.UnreachableStrategy;
import io.mpaas.protocol.marathon.UpgradeStrategy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AppNormalizerTest {

    private static final PathId PROD = PathId.of("/prod");

    /** Reads an app written with single quotes (to keep the JSON in tests readable). */
    static App app(String json) {
        return MarathonJson.read(json.replace('\'', '"'), App.class);
    }

    private static App normalize(String json) {
        return AppNormalizer.normalize(app(json), PROD);
    }

    @Test
    void aMinimalAppShowsEveryDefaultAsMarathonStoresIt() {
        assertThat(MarathonJson.write(normalize("{'id':'web','cmd':'sleep 100'}"))).isEqualTo(("{'id':'/prod/web',"
                + "'backoffFactor':1.15,'backoffSeconds':1,'cmd':'sleep 100','constraints':[],'cpus':1.0,"
                + "'dependencies':[],'disk':0.0,'env':{},'executor':'','fetch':[],'healthChecks':[],'instances':1,"
                + "'labels':{},'maxLaunchDelaySeconds':300,'mem':128.0,'gpus':0,'networks':[{'mode':'host'}],"
                + "'portDefinitions':[{'port':0,'protocol':'tcp','labels':{}}],'requirePorts':false,"
                + "'upgradeStrategy':{'minimumHealthCapacity':1.0,'maximumOverCapacity':1.0},"
                + "'killSelection':'YOUNGEST_FIRST','unreachableStrategy':{'inactiveAfterSeconds':0,"
                + "'expungeAfterSeconds':0},'readinessChecks':[]}").replace('\'', '"'));
    }

    @Test
    void givenValuesWin() {
        App app = normalize("{'id':'web','cmd':'x','instances':3,'cpus':0.5,'mem':64,'disk':10,'gpus':1,"
                + "'executor':'//cmd','backoffSeconds':5,'backoffFactor':2,'maxLaunchDelaySeconds':60,"
                + "'requirePorts':true,'killSelection':'OLDEST_FIRST','env':{'A':'1'},'labels':{'l':'v'},"
                + "'user':'nobody','acceptedResourceRoles':['*'],'role':'web','taskKillGracePeriodSeconds':7}");
        assertThat(app.instances()).isEqualTo(3);
        assertThat(app.cpus()).isEqualTo(0.5);
        assertThat(app.mem()).isEqualTo(64.0);
        assertThat(app.disk()).isEqualTo(10.0);
        assertThat(app.gpus()).isEqualTo(1);
        assertThat(app.executor()).isEqualTo("//cmd");
        assertThat(app.backoffSeconds()).isEqualTo(5);
        assertThat(app.backoffFactor()).isEqualTo(2.0);
        assertThat(app.maxLaunchDelaySeconds()).isEqualTo(60);
        assertThat(app.requirePorts()).isTrue();
        assertThat(app.killSelection()).isEqualTo("OLDEST_FIRST");
        assertThat(app.env()).isEqualTo(Map.of("A", "1"));
        assertThat(app.labels()).isEqualTo(Map.of("l", "v"));
        assertThat(app.user()).isEqualTo("nobody");
        assertThat(app.acceptedResourceRoles()).containsExactly("*");
        assertThat(app.role()).isEqualTo("web");
        assertThat(app.taskKillGracePeriodSeconds()).isEqualTo(7L);
    }

    @Test
    void rolesStayUnsetWhenNotGiven() {
        App app = normalize("{'id':'web','cmd':'x'}");
        assertThat(app.acceptedResourceRoles()).isNull();
        assertThat(app.role()).isNull();
        assertThat(app.user()).isNull();
        assertThat(app.taskKillGracePeriodSeconds()).isNull();
    }

    @Test
    void idsResolveAgainstTheParentGroup() {
        assertThat(normalize("{'id':'web'}").id()).isEqualTo("/prod/web");
        assertThat(normalize("{'id':'db/mysql'}").id()).isEqualTo("/prod/db/mysql");
        assertThat(normalize("{'id':'../web'}").id()).isEqualTo("/web");
        assertThat(normalize("{'id':'/other/web'}").id()).isEqualTo("/other/web");
        assertThat(normalize("{'cmd':'x'}").id()).isNull();
    }

    @Test
    void dependenciesResolveAgainstTheAppsGroupAndRepeatsCollapse() {
        App app = normalize("{'id':'db/web','dependencies':['mysql','/cache','../queue','mysql']}");
        assertThat(app.dependencies()).containsExactly("/prod/db/mysql", "/cache", "/prod/queue");
    }

    @Test
    void upgradeStrategyGetsItsMissingHalf() {
        assertThat(normalize("{'id':'a','upgradeStrategy':{'minimumHealthCapacity':0.5}}").upgradeStrategy())
                .isEqualTo(new UpgradeStrategy(0.5, 1.0));
        assertThat(normalize("{'id':'a','upgradeStrategy':{'maximumOverCapacity':0}}").upgradeStrategy())
                .isEqualTo(new UpgradeStrategy(1.0, 0.0));
    }

    @Test
    void unreachableStrategyGetsItsMissingHalfAndDisabledStays() {
        assertThat(normalize("{'id':'a','unreachableStrategy':{'expungeAfterSeconds':600}}").unreachableStrategy())
                .isEqualTo(new UnreachableStrategy(false, 0L, 600L));
        assertThat(normalize("{'id':'a','unreachableStrategy':'disabled'}").unreachableStrategy())
                .isEqualTo(UnreachableStrategy.DISABLED);
    }

    @Test
    void constraintOperatorsAreUpperCasedAndRepeatsCollapse() {
        App app = normalize("{'id':'a','constraints':[['hostname','unique'],['hostname','UNIQUE'],"
                + "['rack','group_by','3']]}");
        assertThat(app.constraints()).containsExactly(List.of("hostname", "UNIQUE"), List.of("rack", "GROUP_BY", "3"));
    }

    @Test
    void httpHealthChecksGetDefaultsPortIndexAndPath() {
        App app = normalize("{'id':'a','healthChecks':[{}]}");
        assertThat(app.healthChecks()).containsExactly(
                new HealthCheck("HTTP", "/", 0, null, null, 300, 60, 20, 3, false, 15, "IPv4"));
    }

    @Test
    void healthChecksKeepGivenPortsAndCommandChecksGetNoPort() {
        App app = normalize("{'id':'a','healthChecks':[{'protocol':'TCP','port':8080},"
                + "{'command':{'value':'true'}},{'protocol':'MESOS_HTTPS','portIndex':1,'path':'/ok'}]}");
        assertThat(app.healthChecks()).containsExactly(
                new HealthCheck("TCP", null, null, 8080, null, 300, 60, 20, 3, false, 15, "IPv4"),
                new HealthCheck("COMMAND", null, null, null, new HealthCheck.Command("true"), 300, 60, 20, 3, false,
                        15, "IPv4"),
                new HealthCheck("MESOS_HTTPS", "/ok", 1, null, null, 300, 60, 20, 3, false, 15, "IPv4"));
    }

    @Test
    void readinessChecksGetDefaults() {
        App app = normalize("{'id':'a','readinessChecks':[{}]}");
        assertThat(app.readinessChecks()).containsExactly(
                new ReadinessCheck("readinessCheck", "HTTP", "/", "http-api", 30, 10, List.of(200), false));
    }

    @Test
    void deprecatedPortsBecomePortDefinitions() {
        App app = normalize("{'id':'a','ports':[8080,0]}");
        assertThat(app.ports()).isNull();
        assertThat(app.portDefinitions()).containsExactly(new PortDefinition(8080, "tcp", null, Map.of()),
                new PortDefinition(0, "tcp", null, Map.of()));
    }

    @Test
    void portsEquivalentToPortDefinitionsAreDroppedContradictingOnesStay() {
        App same = normalize("{'id':'a','ports':[80],'portDefinitions':[{'port':80,'name':'http'}]}");
        assertThat(same.ports()).isNull();
        assertThat(same.portDefinitions()).containsExactly(new PortDefinition(80, "tcp", "http", Map.of()));
        App different = normalize("{'id':'a','ports':[81],'portDefinitions':[{'port':80}]}");
        assertThat(different.ports()).containsExactly(81);
        assertThat(different.portDefinitions()).containsExactly(new PortDefinition(80, "tcp", null, Map.of()));
    }

    @Test
    void hostNetworkingKeepsAnExplicitlyEmptyPortList() {
        App app = normalize("{'id':'a','portDefinitions':[]}");
        assertThat(app.portDefinitions()).isEmpty();
    }

    @Test
    void urisBecomeFetchEntriesExtractingArchives() {
        App app = normalize("{'id':'a','uris':['http://x/app.tgz','http://x/run.sh']}");
        assertThat(app.uris()).isNull();
        assertThat(app.fetch()).containsExactly(new Fetch("http://x/app.tgz", true, false, false, null),
                new Fetch("http://x/run.sh", false, false, false, null));
    }

    @Test
    void fetchGetsDefaultsAndUrisNextToFetchStayForTheValidator() {
        App app = normalize("{'id':'a','uris':['http://x/a'],'fetch':[{'uri':'http://x/b','cache':true}]}");
        assertThat(app.uris()).containsExactly("http://x/a");
        assertThat(app.fetch()).containsExactly(new Fetch("http://x/b", true, false, true, null));
        assertThat(normalize("{'id':'a','uris':[],'fetch':[{'uri':'http://x/b'}]}").uris()).isNull();
    }

    @Test
    void aContainerWithoutTypeIsDockerWithDockerDefaults() {
        App app = normalize("{'id':'a','container':{'docker':{'image':'nginx'}}}");
        assertThat(app.container()).isEqualTo(new Container("DOCKER",
                new Container.Docker("nginx", null, null, false, List.of(), false), List.of(), null));
        assertThat(app.networks()).containsExactly(new Network("host", null, null));
        assertThat(app.portDefinitions()).containsExactly(new PortDefinition(0, "tcp", null, Map.of()));
    }

    @Test
    void dockerBridgeNetworkBecomesABridgeNetworkWithItsPortMappings() {
        App app = normalize("{'id':'a','container':{'type':'DOCKER','docker':{'image':'nginx','network':'BRIDGE',"
                + "'portMappings':[{'containerPort':80,'name':'http'}]}}}");
        assertThat(app.networks()).containsExactly(new Network("container/bridge", null, null));
        assertThat(app.container().docker().network()).isNull();
        assertThat(app.container().docker().portMappings()).isNull();
        assertThat(app.container().portMappings()).containsExactly(
                new PortMapping(80, 0, 0, "tcp", "http", Map.of(), null));
        assertThat(app.portDefinitions()).isNull();
    }

    @Test
    void bridgeNetworkingWithoutMappingsGetsOneDefaultMapping() {
        App app = normalize("{'id':'a','requirePorts':true,'networks':[{'mode':'container/bridge'}],"
                + "'container':{'docker':{'image':'nginx'}}}");
        assertThat(app.container().portMappings())
                .containsExactly(new PortMapping(0, 0, 0, "tcp", null, Map.of(), null));
        assertThat(app.requirePorts()).isFalse();
    }

    @Test
    void dockerHostAndUserNetworksTranslate() {
        assertThat(normalize("{'id':'a','container':{'docker':{'image':'i','network':'HOST'}}}").networks())
                .containsExactly(new Network("host", null, null));
        App user = normalize("{'id':'a','container':{'docker':{'image':'i','network':'USER'}}}");
        assertThat(user.networks()).containsExactly(new Network("container", null, null));
        assertThat(user.container().portMappings()).containsExactly(
                new PortMapping(0, null, 0, "tcp", null, Map.of(), null));
    }

    @Test
    void contradictingNetworkFormsStayForTheValidator() {
        App app = normalize("{'id':'a','networks':[{'mode':'host'}],"
                + "'container':{'docker':{'image':'i','network':'BRIDGE'}}}");
        assertThat(app.container().docker().network()).isEqualTo("BRIDGE");
        assertThat(app.networks()).containsExactly(new Network("host", null, null));
        App mappings = normalize("{'id':'a','networks':[{'mode':'container/bridge'}],'container':{"
                + "'portMappings':[{'containerPort':1}],'docker':{'image':'i','portMappings':[{'containerPort':2}]}}}");
        assertThat(mappings.container().portMappings()).extracting(PortMapping::containerPort).containsExactly(1);
        assertThat(mappings.container().docker().portMappings()).extracting(PortMapping::containerPort)
                .containsExactly(2);
    }

    @Test
    void containerNetworkingWithoutContainerRunsInAMesosContainer() {
        App app = normalize("{'id':'a','cmd':'x','networks':[{'mode':'container','name':'dcos'}]}");
        assertThat(app.container()).isEqualTo(new Container("MESOS", null, List.of(),
                List.of(new PortMapping(0, null, 0, "tcp", null, Map.of(), null))));
    }

    @Test
    void hostNetworkingShowsNoEmptyPortMappings() {
        App app = normalize("{'id':'a','container':{'docker':{'image':'i'},'portMappings':[]}}");
        assertThat(app.container().portMappings()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{'id':'web','cmd':'sleep 100'}",
        "{'id':'a','ports':[80,0],'uris':['http://x/a.zip'],'healthChecks':[{},{'protocol':'COMMAND'}]}",
        "{'id':'a','ports':[81],'portDefinitions':[{'port':80}],'uris':['u'],'fetch':[{'uri':'v'}]}",
        "{'id':'a','container':{'docker':{'image':'i','network':'BRIDGE','portMappings':[{'containerPort':80}]}}}",
        "{'id':'a','container':{'docker':{'image':'i','network':'NONE'}}}",
        "{'id':'a','networks':[{'mode':'host'}],'container':{'docker':{'image':'i','network':'USER'}}}",
        "{'id':'a','networks':[{'mode':'container','name':'n'}],'readinessChecks':[{}],"
                + "'constraints':[['h','like','x'],['h']],'unreachableStrategy':{'inactiveAfterSeconds':5}}",
        "{'id':'../x','dependencies':['y','../z'],'upgradeStrategy':{'minimumHealthCapacity':0}}"
    })
    void normalizingTwiceChangesNothing(String json) {
        App once = normalize(json);
        assertThat(AppNormalizer.normalize(once, PROD)).isEqualTo(once);
    }
}
