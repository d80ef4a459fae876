package io.mpaas.marathon.app;

import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.MarathonError.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * Marathon's validation rules for an app definition. Paths are Marathon's ({@code /id},
 * {@code /healthChecks(0)/portIndex}); one entry per path with all its messages.
 */
public final class AppValidator {

    private AppValidator() {
    }

    /** What is wrong with a normalized app; empty when it is valid. */
    public static List<Violation> validate(App app) {
        List<Violation> violations = new ArrayList<>();
        if (app.id() == null) {
            violations.add(new Violation("/id", List.of("error.path.missing")));
        }
        return violations;
    }
}
