package io.mpaas.master.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpaas.protocol.mesos.MesosJson;
import io.mpaas.protocol.mesos.TaskInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TaskValidatorTest {

    private static final String RES = "'resources':[{'name':'cpus','type':'SCALAR','scalar':{'value':1}},"
            + "{'name':'ports','type':'RANGES','ranges':{'range':[{'begin':31000,'end':31001}]}}]";

    private static TaskInfo task(String json) {
        return MesosJson.read(json.replace("RES", RES).replace('\'', '"'), TaskInfo.class);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{'name':'t',RES,'command':{}}|Task has no 'task_id'",
        "{'name':'t','task_id':{'value':''},RES,'command':{}}|Task ID must not be empty",
        "{'name':'t','task_id':{'value':'a/b'},RES,'command':{}}|Task ID 'a/b' contains an invalid character ('/', whitespace or control)",
        "{'name':'t','task_id':{'value':'..'},RES,'command':{}}|Task ID '..' is reserved",
        "{'task_id':{'value':'t1'},RES,'command':{}}|Task t1 has no 'name'",
        "{'name':'t','task_id':{'value':'t1'},RES}|Task t1 should have at least one (but not both) of CommandInfo or ExecutorInfo present",
        "{'name':'t','task_id':{'value':'t1'},'command':{}}|Task t1 uses no resources",
        "{'name':'t','task_id':{'value':'t1'},'resources':[{'name':'cpus','type':'SCALAR','scalar':{'value':-1}}],'command':{}}|Task t1 resource 'cpus' has an invalid SCALAR value",
        "{'name':'t','task_id':{'value':'t1'},RES,'command':{},'container':{'type':'DOCKER','docker':{}}}|Task t1 has a DOCKER container without 'docker.image'",
        "{'name':'t','task_id':{'value':'t1'},RES,'command':{},'container':{'type':'DOCKER','docker':{'image':'x','network':'BRIDGE','port_mappings':[{'host_port':32000,'container_port':80}]}}}|Task t1 maps host port 32000 which is not in its 'ports' resources [31000-31001]",
        "{'name':'t','task_id':{'value':'t1'},RES,'command':{},'health_check':{'type':'HTTP','http':{}}}|Task t1 health check of type HTTP needs 'http.port'",
        "{'name':'t','task_id':{'value':'t1'},RES,'executor':{'executor_id':{'value':'e'}}}|Executor e has no 'command'",
    })
    void refuses(String json, String message) {
        assertThat(TaskValidator.validateTask(task(json), false)).contains(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{'name':'t','task_id':{'value':'web.1-abc'},RES,'command':{'value':'sleep 1'}}",
        "{'name':'t','task_id':{'value':'t1'},RES,'command':{},'container':{'type':'DOCKER','docker':{'image':'busybox','network':'BRIDGE','port_mappings':[{'host_port':31001,'container_port':80}]}},'health_check':{'type':'TCP','tcp':{'port':31001}}}",
    })
    void accepts(String json) {
        assertThat(TaskValidator.validateTask(task(json), false)).isEmpty();
    }
}
