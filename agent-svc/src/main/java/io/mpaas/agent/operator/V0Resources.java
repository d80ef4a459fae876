package io.mpaas.agent.operator;

import io.mpaas.protocol.mesos.Ranges;
import io.mpaas.protocol.mesos.Resource;
import io.mpaas.protocol.mesos.Resources;
import io.mpaas.protocol.mesos.ValueType;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Mesos's flat v0 resource map ({@code {"cpus":4.0,"mem":8192.0,"disk":0.0,"gpus":0.0,"ports":"[31000-32000]"}}):
 * scalars summed per name, ranges as text; cpus, mem, disk and gpus always present.
 */
final class V0Resources {

    private V0Resources() {
    }

    static Map<String, Object> of(Collection<Resource> resources) {
        Map<String, Object> map = new LinkedHashMap<>();
        Resources all = Resources.of(resources);
        for (String name : new String[] {"cpus", "mem", "disk", "gpus"}) {
            map.put(name, all.scalar(name));
        }
        Map<String, Ranges> ranges = new LinkedHashMap<>();
        for (Resource r : resources) {
            if (r.type() == ValueType.SCALAR && !map.containsKey(r.name())) {
                map.put(r.name(), all.scalar(r.name()));
            } else if (r.type() == ValueType.RANGES && r.ranges() != null) {
                ranges.merge(r.name(), r.ranges(), Ranges::plus);
            }
        }
        ranges.forEach((name, value) -> map.put(name, value.normalized().toString()));
        return map;
    }
}
