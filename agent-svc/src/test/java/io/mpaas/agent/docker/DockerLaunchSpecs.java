package io.mpaas.agent.docker;

import io.mpaas.agent.container.LaunchSpec;
import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.CommandInfo;
import io.mpaas.protocol.mesos.ContainerId;
import io.mpaas.protocol.mesos.ContainerInfo;
import io.mpaas.protocol.mesos.ContainerInfo.DockerInfo;
import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.Parameter;
import io.mpaas.protocol.mesos.TaskId;
import io.mpaas.protocol.mesos.TaskInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Launch specs for Docker tasks, built the way the agent builds them; immutable values only. */
final class DockerLaunchSpecs {

    static final FrameworkId FRAMEWORK = FrameworkId.of("fw-1");
    static final AgentId AGENT = AgentId.of("agent-1");

    private DockerLaunchSpecs() {
    }

    static DockerInfo docker(String image) {
        return new DockerInfo(image, DockerInfo.Network.HOST, null, null, null, null, null);
    }

    static DockerInfo bridge(String image, ContainerInfo.PortMapping... mappings) {
        return new DockerInfo(image, DockerInfo.Network.BRIDGE, List.of(mappings), null, null, null, null);
    }

    static DockerInfo withParameters(DockerInfo docker, Parameter... parameters) {
        return new DockerInfo(docker.image(), docker.network(), docker.portMappings(), docker.privileged(),
                List.of(parameters), docker.forcePullImage(), docker.volumeDriver());
    }

    static DockerInfo privileged(DockerInfo docker) {
        return new DockerInfo(docker.image(), docker.network(), docker.portMappings(), true, docker.parameters(),
                docker.forcePullImage(), docker.volumeDriver());
    }

    static DockerInfo forcePull(DockerInfo docker) {
        return new DockerInfo(docker.image(), docker.network(), docker.portMappings(), docker.privileged(),
                docker.parameters(), true, docker.volumeDriver());
    }

    static ContainerInfo container(DockerInfo docker) {
        return ContainerInfo.docker(docker);
    }

    static ContainerInfo container(DockerInfo docker, List<ContainerInfo.Volume> volumes) {
        return new ContainerInfo(ContainerInfo.Type.DOCKER, volumes, null, docker, null, null, null, null, null);
    }

    static TaskInfo task(String id, CommandInfo command, ContainerInfo container) {
        return new TaskInfo(id, TaskId.of(id), AGENT, List.of(), null, command, container, null, null, null, null,
                null, null, null, null);
    }

    /** A task with 0.5 cpus, 64 MB, ports 31000 and 31001 and the agent's usual environment. */
    static LaunchSpec spec(String containerId, Path sandbox, CommandInfo command, ContainerInfo container) {
        return spec(containerId, sandbox, command, container, 0.5, 64, List.of(31000L, 31001L));
    }

    static LaunchSpec spec(String containerId, Path sandbox, CommandInfo command, ContainerInfo container,
            double cpus, double mem, List<Long> hostPorts) {
        return new LaunchSpec(ContainerId.of(containerId), task("task-" + containerId, command, container), FRAMEWORK,
                AGENT, sandbox,
                Map.of("MESOS_TASK_ID", "task-" + containerId, "MESOS_SANDBOX", sandbox.toString(), "APP", "web"),
                cpus, mem, hostPorts);
    }
}
