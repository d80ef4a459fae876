package io.mpaas.marathon.group;

import io.mpaas.marathon.app.AppEmbed;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What a group answer embeds: subgroups, apps and pods (all three when nothing is asked for), and
 * what each app embeds ({@code group.apps.tasks}, ...; asking for one of those embeds the apps).
 */
record GroupEmbeds(boolean groups, boolean apps, boolean pods, Set<AppEmbed> appEmbeds) {

    static final GroupEmbeds DEFAULT = new GroupEmbeds(true, true, true, Set.of());

    GroupEmbeds {
        appEmbeds = Set.copyOf(appEmbeds);
    }

    static GroupEmbeds parse(Collection<String> values) {
        if (values == null || values.isEmpty()) {
            return DEFAULT;
        }
        List<String> given = List.copyOf(values);
        Set<AppEmbed> appEmbeds = AppEmbed.parse(given, "group.apps.");
        boolean apps = given.contains("group.apps") || given.stream().anyMatch(v -> v.startsWith("group.apps."));
        return new GroupEmbeds(given.contains("group.groups"), apps, given.contains("group.pods"),
                appEmbeds.isEmpty() ? EnumSet.noneOf(AppEmbed.class) : appEmbeds);
    }
}
