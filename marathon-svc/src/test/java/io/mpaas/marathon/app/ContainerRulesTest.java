package io.mpaas.marathon.app;

import static io.mpaas.marathon.app.AppValidatorTest.DOCKER;
import static io.mpaas.marathon.app.AppValidatorTest.checkFields;
import static io.mpaas.marathon.app.AppValidatorTest.violation;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The container rules, run through {@link AppValidator} as the API runs them: one test per message. */
class ContainerRulesTest {

    @Test
    void containerTypeIsDockerOrMesos() {
        assertThat(checkFields("'container':{'type':'LXC'}"))
                .containsExactly(violation("/container/type", "got LXC, expected one of: [DOCKER, MESOS]"));
    }

    @Test
    void dockerContainersNeedTheDockerPart() {
        assertThat(checkFields("'container':{'type':'DOCKER'}"))
                .containsExactly(violation("/container/docker", "must not be empty"));
    }

    @Test
    void dockerImageIsRequired() {
        assertThat(checkFields("'container':{'docker':{'image':''}}"))
                .containsExactly(violation("/container/docker/image", "must not be empty"));
    }

    @Test
    void mesosContainersTakeNoDockerParameters() {
        assertThat(checkFields("'container':{'type':'MESOS','docker':{'image':'i',"
                + "'parameters':[{'key':'k','value':'v'}]}}"))
                .containsExactly(violation("/container/docker/parameters", "must be empty"));
    }

    @Test
    void dockerParametersNeedAKey() {
        assertThat(checkFields("'container':{'docker':{'image':'i','parameters':[{'value':'v'}]}}"))
                .containsExactly(violation("/container/docker/parameters(0)/key", "must not be empty"));
    }

    @Test
    void dockerJoinsOnlyOneContainerNetwork() {
        assertThat(checkFields(DOCKER + ",'networks':[{'mode':'container','name':'a'},{'mode':'container','name':'b'}],"
                + "'container':{'docker':{'image':'i'},'portMappings':[{'containerPort':80,'networkNames':['a']}]}"))
                .containsExactly(violation("/", "may only specify a single container network when using the Docker "
                        + "container engine"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{'containerPath':'/data','persistent':{'size':10}} | persistent volumes are not supported: use a host volume "
                + "(containerPath, hostPath, mode)",
        "{'containerPath':'/data','external':{'name':'v'}}  | external volumes are not supported: use a host volume "
                + "(containerPath, hostPath, mode)"
    })
    void onlyHostVolumesAreSupported(String volume, String message) {
        assertThat(checkFields("'container':{'docker':{'image':'i'},'volumes':[{'containerPath':'/a','hostPath':'/b',"
                + "'mode':'RO'}," + volume + "]}")).containsExactly(violation("/container/volumes(1)", message));
    }

    @Test
    void hostVolumesNeedBothPaths() {
        assertThat(checkFields("'container':{'docker':{'image':'i'},'volumes':[{'mode':'RW'}]}")).containsExactly(
                violation("/container/volumes(0)/containerPath", "must not be empty"),
                violation("/container/volumes(0)/hostPath", "must not be empty"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {"'mode':'RX', | got RX, expected one of: [RO, RW]",
        "\"\" | must not be empty"})
    void hostVolumeModeIsReadOnlyOrReadWrite(String mode, String message) {
        assertThat(checkFields("'container':{'docker':{'image':'i'},'volumes':[{" + mode
                + "'containerPath':'/a','hostPath':'/b'}]}"))
                .containsExactly(violation("/container/volumes(0)/mode", message));
    }
}
