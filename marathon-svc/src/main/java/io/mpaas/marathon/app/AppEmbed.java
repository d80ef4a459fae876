package io.mpaas.marathon.app;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/**
 * What an app listing may embed besides the definition ({@code embed=apps.tasks} and the like).
 * Unknown values are ignored, as Marathon does after logging them.
 */
public enum AppEmbed {
    /** {@code tasks}: the app's launched tasks. */
    TASKS,
    /** {@code counts}: tasksStaged, tasksRunning, tasksHealthy, tasksUnhealthy. */
    COUNTS,
    /** {@code deployments}: ids of running deployments that touch the app. */
    DEPLOYMENTS,
    /** {@code readiness}: readinessCheckResults. */
    READINESS,
    /** {@code lastTaskFailure}. */
    LAST_TASK_FAILURE,
    /** {@code taskStats}. */
    TASK_STATS;

    /**
     * The embeds named by {@code values} that start with one of {@code prefixes} ({@code apps.},
     * {@code app.}, {@code group.apps.}). The deprecated {@code failures} means tasks, lastTaskFailure,
     * counts and deployments.
     */
    public static Set<AppEmbed> parse(Collection<String> values, String... prefixes) {
        Set<AppEmbed> result = EnumSet.noneOf(AppEmbed.class);
        if (values == null) {
            return result;
        }
        for (String value : values) {
            for (String prefix : prefixes) {
                if (value != null && value.startsWith(prefix)) {
                    add(value.substring(prefix.length()), result);
                }
            }
        }
        return result;
    }

    private static void add(String name, Set<AppEmbed> result) {
        switch (name) {
            case "tasks" -> result.add(TASKS);
            case "counts" -> result.add(COUNTS);
            case "deployments" -> result.add(DEPLOYMENTS);
            case "readiness" -> result.add(READINESS);
            case "lastTaskFailure" -> result.add(LAST_TASK_FAILURE);
            case "taskStats" -> result.add(TASK_STATS);
            case "failures" -> result.addAll(EnumSet.of(TASKS, LAST_TASK_FAILURE, COUNTS, DEPLOYMENTS));
            default -> {
                // Unknown embeds are ignored, as in Marathon.
            }
        }
    }
}
