package io.mpaas.marathon.app;

import static io.mpaas.marathon.app.AppValidatorTest.BRIDGE;
import static io.mpaas.marathon.app.AppValidatorTest.DOCKER;
import static io.mpaas.marathon.app.AppValidatorTest.checkFields;
import static io.mpaas.marathon.app.AppValidatorTest.violation;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The network and port rules, run through {@link AppValidator} as the API runs them: one test per message. */
class PortRulesTest {

    @Test
    void networkModesAreKnown() {
        assertThat(checkFields("'networks':[{'mode':'overlay'}]")).containsExactly(violation("/networks(0)/mode",
                "got overlay, expected one of: [host, container/bridge, container]"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[{'mode':'host','name':'x'}] | Host networks may not have names or labels",
        "[{'mode':'container/bridge','name':'x'}] | Bridge networks may not have names",
        "[{'mode':'container','name':'x'},{'mode':'container','name':'x'}] | Duplicate networks are not allowed",
        "[{'mode':'host'},{'mode':'container/bridge'}] | May specify a single host network, single bridge network, "
                + "or else 1-to-n container networks"
    })
    void networksCombineOnlyAsMarathonAllows(String networks, String message) {
        assertThat(checkFields("'networks':" + networks + ",'portDefinitions':[],'container':{'type':'MESOS',"
                + "'portMappings':[]}")).contains(violation("/networks", message));
    }

    @Test
    void dockerNetworkAndNetworksCannotBeCombined() {
        assertThat(checkFields("'networks':[{'mode':'host'}],'container':{'docker':{'image':'i','network':'HOST'}}"))
                .containsExactly(violation("/", "must not specify both container.docker.network and networks"));
    }

    @Test
    void dockerNetworkNoneIsNotSupported() {
        assertThat(checkFields("'container':{'docker':{'image':'i','network':'NONE'}}")).containsExactly(
                violation("/container/docker/network", "unsupported docker network type NONE"));
    }

    @Test
    void portMappingsInBothPlacesCannotBeCombined() {
        assertThat(checkFields(BRIDGE + ",'container':{'portMappings':[{'containerPort':1}],"
                + "'docker':{'image':'i','portMappings':[{'containerPort':2}]}}"))
                .containsExactly(violation("/container", "cannot specify both portMappings and docker.portMappings"));
    }

    @Test
    void portDefinitionsNeedHostNetworking() {
        assertThat(checkFields(BRIDGE + "," + DOCKER + ",'portDefinitions':[{'port':80}]"))
                .containsExactly(violation("/", "portDefinitions are only allowed with host-networking"));
    }

    @Test
    void portMappingsAreNotForHostNetworking() {
        assertThat(checkFields("'container':{'docker':{'image':'i'},'portMappings':[{'containerPort':80}]}"))
                .containsExactly(violation("/", "portMappings are not allowed with host-networking"));
    }

    @Test
    void portDefinitionNamesAreUnique() {
        assertThat(checkFields("'portDefinitions':[{'port':0,'name':'http'},{'port':0,'name':'http'}]"))
                .containsExactly(violation("/portDefinitions", "Port names must be unique."));
    }

    @Test
    void portMappingNamesAreUnique() {
        assertThat(checkFields(BRIDGE + ",'container':{'docker':{'image':'i'},'portMappings':["
                + "{'containerPort':80,'name':'http'},{'containerPort':81,'name':'http'}]}"))
                .containsExactly(violation("/container/portMappings", "Port names must be unique."));
    }

    @Test
    void nonZeroPortsAreUnique() {
        assertThat(checkFields("'portDefinitions':[{'port':0},{'port':0},{'port':80},{'port':80}]"))
                .containsExactly(violation("/portDefinitions", "Ports must be unique."));
    }

    @Test
    void deprecatedPortsAreUnique() {
        assertThat(checkFields("'ports':[80,80],'portDefinitions':[{'port':80},{'port':81}]")).containsExactly(
                violation("/", "ports must be unique", "cannot specify both ports and port definitions"));
    }

    @Test
    void portsAndDifferentPortDefinitionsCannotBeCombined() {
        assertThat(checkFields("'ports':[81],'portDefinitions':[{'port':80}]"))
                .containsExactly(violation("/", "cannot specify both ports and port definitions"));
    }

    @Test
    void portNumbersAreInRange() {
        assertThat(checkFields("'portDefinitions':[{'port':70000}]"))
                .containsExactly(violation("/portDefinitions(0)/port", "got 70000, expected between 0 and 65535"));
        assertThat(checkFields(BRIDGE + ",'container':{'docker':{'image':'i'},'portMappings':[{'hostPort':-1}]}"))
                .containsExactly(violation("/container/portMappings(0)/hostPort",
                        "got -1, expected between 0 and 65535"));
    }

    @Test
    void portProtocolsAreTcpOrUdp() {
        assertThat(checkFields("'portDefinitions':[{'port':0,'protocol':'sctp'}]")).containsExactly(
                violation("/portDefinitions(0)/protocol", "got sctp, expected one of: [tcp, udp, udp,tcp]"));
    }

    @Test
    void portMappingNetworkNamesNameAContainerNetwork() {
        assertThat(checkFields("'networks':[{'mode':'container','name':'a'}],'container':{'type':'MESOS',"
                + "'portMappings':[{'containerPort':80,'networkNames':['b']}]}")).containsExactly(
                violation("/container/portMappings(0)/networkNames(0)", "got b, expected one of: [a]"));
    }

    @Test
    void hostPortsNeedOneNetworkNameWithSeveralContainerNetworks() {
        assertThat(checkFields("'networks':[{'mode':'container','name':'a'},{'mode':'container','name':'b'}],"
                + "'container':{'type':'MESOS','portMappings':[{'containerPort':80,'hostPort':0}]}")).containsExactly(
                violation("/container/portMappings(0)", "networkNames must be a single item list when hostPort is "
                        + "specified and more than 1 container network is defined"));
    }
}
