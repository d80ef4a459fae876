package io.mpaas.agent.fetcher;

import io.mpaas.protocol.mesos.CommandInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * The URIs of one task, checked before anything is downloaded, so that a task with one bad URI
 * fails at once instead of after fetching the good ones.
 */
record FetchPlan(List<FetchedUri> uris) {

    FetchPlan {
        uris = List.copyOf(uris);
    }

    static FetchPlan of(List<CommandInfo.Uri> uris) throws FetchFailure {
        List<FetchedUri> checked = new ArrayList<>(uris.size());
        for (CommandInfo.Uri uri : uris) {
            checked.add(FetchedUri.of(uri));
        }
        return new FetchPlan(checked);
    }

    boolean isEmpty() {
        return uris.isEmpty();
    }
}
