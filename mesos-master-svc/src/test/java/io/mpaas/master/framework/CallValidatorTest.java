package io.mpaas.master.framework;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpaas.protocol.mesos.MesosJson;
import io.mpaas.protocol.mesos.scheduler.Call;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CallValidatorTest {

    private static Optional<String> validate(String json) {
        return CallValidator.validate(MesosJson.read(json.replace('\'', '"'), Call.class));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{}|Expecting 'type' to be present",
        "{'type':null}|Expecting 'type' to be present",
        "{'type':'SUBSCRIBE'}|Expecting 'subscribe' to be present",
        "{'type':'SUBSCRIBE','subscribe':{}}|Expecting 'subscribe.framework_info' to be present",
        "{'type':'SUBSCRIBE','subscribe':{'framework_info':{'name':'x'}}}|Expecting 'framework_info.user' to be present",
        "{'type':'SUBSCRIBE','subscribe':{'framework_info':{'user':'u'}}}|Expecting 'framework_info.name' to be present",
        "{'type':'SUBSCRIBE','framework_id':{'value':'a'},'subscribe':{'framework_info':{'user':'u','name':'n','id':{'value':'b'}}}}|'framework_id' differs from 'subscribe.framework_info.id'",
        "{'type':'SUBSCRIBE','subscribe':{'framework_info':{'user':'u','name':'n','failover_timeout':-1}}}|'framework_info.failover_timeout' must be a non-negative number of seconds",
        "{'type':'SUBSCRIBE','subscribe':{'framework_info':{'user':'u','name':'n','roles':['a']}}}|'FrameworkInfo.roles' is set but the framework lacks the MULTI_ROLE capability",
        "{'type':'SUBSCRIBE','subscribe':{'framework_info':{'user':'u','name':'n','role':'a','capabilities':[{'type':'MULTI_ROLE'}]}}}|'FrameworkInfo.role' must not be set when the framework has the MULTI_ROLE capability; use 'FrameworkInfo.roles'",
        "{'type':'SUBSCRIBE','subscribe':{'framework_info':{'user':'u','name':'n','role':'a b'}}}|Role 'a b' must not contain whitespace, control characters or '\\'",
        "{'type':'SUBSCRIBE','subscribe':{'framework_info':{'user':'u','name':'n','roles':['a','a'],'capabilities':[{'type':'MULTI_ROLE'}]}}}|'FrameworkInfo.roles' contains duplicate entries",
        "{'type':'SUBSCRIBE','subscribe':{'framework_info':{'user':'u','name':'n','role':'a'},'suppressed_roles':['b']}}|Suppressed role 'b' is not one of the framework's roles [a]",
        "{'type':'TEARDOWN'}|Expecting 'framework_id' to be present",
        "{'type':'ACCEPT','framework_id':{'value':'f'}}|Expecting 'accept' to be present",
        "{'type':'DECLINE','framework_id':{'value':'f'}}|Expecting 'decline' to be present",
        "{'type':'KILL','framework_id':{'value':'f'},'kill':{}}|Expecting 'kill.task_id' to be present",
        "{'type':'SHUTDOWN','framework_id':{'value':'f'},'shutdown':{'executor_id':{'value':'e'}}}|Expecting 'shutdown.agent_id' to be present",
        "{'type':'ACKNOWLEDGE','framework_id':{'value':'f'},'acknowledge':{'agent_id':{'value':'a'},'task_id':{'value':'t'}}}|Expecting 'acknowledge.uuid' to be present",
        "{'type':'ACKNOWLEDGE','framework_id':{'value':'f'},'acknowledge':{'agent_id':{'value':'a'},'task_id':{'value':'t'},'uuid':'%%%'}}|'acknowledge.uuid' is not valid base64",
        "{'type':'ACKNOWLEDGE','framework_id':{'value':'f'},'acknowledge':{'agent_id':{'value':'a'},'task_id':{'value':'t'},'uuid':'AAAA'}}|'acknowledge.uuid' is not a valid UUID (16 bytes, base64)",
        "{'type':'RECONCILE','framework_id':{'value':'f'}}|Expecting 'reconcile' to be present",
        "{'type':'RECONCILE','framework_id':{'value':'f'},'reconcile':{'tasks':[{}]}}|Expecting 'reconcile.tasks[].task_id' to be present",
        "{'type':'MESSAGE','framework_id':{'value':'f'},'message':{'agent_id':{'value':'a'},'executor_id':{'value':'e'}}}|Expecting 'message.data' to be present",
        "{'type':'REQUEST','framework_id':{'value':'f'}}|Expecting 'request' to be present",
        "{'type':'UPDATE_FRAMEWORK','framework_id':{'value':'f'},'update_framework':{'framework_info':{'user':'u','name':'n','id':{'value':'g'}}}}|'framework_id' differs from 'update_framework.framework_info.id'",
    })
    void refusesWithMesosMessage(String json, String message) {
        assertThat(validate(json)).contains(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{'type':'SUBSCRIBE','subscribe':{'framework_info':{'user':'u','name':'n'}}}",
        "{'type':'SUBSCRIBE','subscribe':{'framework_info':{'user':'u','name':'n','roles':['web','eng/a'],'capabilities':[{'type':'MULTI_ROLE'},{'type':'SOMETHING_NEW'}]},'suppressed_roles':['web']}}",
        "{'type':'SUBSCRIBE','framework_id':null,'subscribe':{'framework_info':{'user':'u','name':'n','id':null,'role':null}}}",
        "{'type':'TEARDOWN','framework_id':{'value':'f'}}",
        "{'type':'REVIVE','framework_id':{'value':'f'}}",
        "{'type':'SUPPRESS','framework_id':{'value':'f'},'suppress':{'roles':['a']}}",
        "{'type':'RECONCILE','framework_id':{'value':'f'},'reconcile':{'tasks':[]}}",
        "{'type':'ACKNOWLEDGE','framework_id':{'value':'f'},'acknowledge':{'agent_id':{'value':'a'},'task_id':{'value':'t'},'uuid':'q83vEjRWeJCrze8SNFZ4kA=='}}",
    })
    void accepts(String json) {
        assertThat(validate(json)).isEmpty();
    }
}
