package io.mpaas.marathon.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The apps a benchmark deploys: {@code apps} command apps ({@code sleep 1000}) of {@code instances}
 * instances each, with small resources and no health checks, as Marathon JSON.
 */
record AppBatch(int apps, int instances, double cpus, double mem) {

    int total() {
        return apps * instances;
    }

    /** One app per element, with ids {@code <group>/app-0001} and so on. */
    List<String> appJsons(String groupId) {
        List<String> result = new ArrayList<>();
        for (int i = 1; i <= apps; i++) {
            result.add(String.format(Locale.ROOT,
                    "{\"id\": \"%s/app-%04d\", \"cmd\": \"sleep 1000\", \"instances\": %d, \"cpus\": %s, \"mem\": %s}",
                    groupId, i, instances, cpus, mem));
        }
        return result;
    }

    /** A group holding all the apps, for one {@code POST /v2/groups}. */
    String groupJson(String groupId) {
        return "{\"id\": \"" + groupId + "\", \"apps\": [" + String.join(",", appJsons(groupId)) + "]}";
    }
}
