package io.mpaas.marathon.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * What a launch that does not finish is waiting for, printed to stderr: the tasks by state as
 * marathon shows them, and as the master knows them, so a lost update or acknowledgement shows.
 */
final class StuckReport {

    private StuckReport() {
    }

    static void print(MarathonUnderTest marathon, SimulatedCluster cluster, String groupId) {
        Map<String, Integer> marathonStates = new TreeMap<>();
        JsonNode apps = marathon.getJson("/v2/apps?embed=apps.tasks&id=" + groupId);
        StringBuilder examples = new StringBuilder();
        if (apps != null) {
            for (JsonNode app : apps.path("apps")) {
                for (JsonNode task : app.path("tasks")) {
                    String state = task.path("state").asString();
                    marathonStates.merge(state, 1, Integer::sum);
                    if (!state.equals("TASK_RUNNING") && examples.length() < 600) {
                        examples.append(' ').append(task.path("id").asString());
                    }
                }
            }
        }
        Map<String, Integer> masterStates = new TreeMap<>();
        Map<String, Integer> masterPending = new TreeMap<>();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(cluster.masterUri() + "/master/tasks?limit=100000")).build(),
                    HttpResponse.BodyHandlers.ofString());
            for (JsonNode task : MarathonUnderTest.JSON.readTree(response.body()).path("tasks")) {
                masterStates.merge(task.path("state").asString(), 1, Integer::sum);
                JsonNode statuses = task.path("statuses");
                masterPending.merge(statuses.size() + " statuses", 1, Integer::sum);
            }
        } catch (Exception e) {
            masterStates.put("unreadable: " + e, 0);
        }
        System.err.println("STUCK: marathon tasks by state " + marathonStates + "; master tasks by state "
                + masterStates + " " + masterPending + "; agents run " + cluster.activeTasks()
                + "; marathon queue " + marathon.getJson("/v2/queue") + "; not running:" + examples);
    }
}
