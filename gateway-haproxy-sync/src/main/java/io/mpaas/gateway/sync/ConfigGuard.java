package io.mpaas.gateway.sync;

import io.mpaas.gateway.haproxy.Validation;
import io.mpaas.gateway.render.RenderRefusedException;
import io.mpaas.gateway.render.ServerSlot;
import io.mpaas.gateway.render.TemplateException;
import io.mpaas.protocol.gateway.AppProblem;
import io.mpaas.protocol.gateway.RoutingTable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * Prepares a configuration that HAProxy accepts. When the whole table is refused, the apps at fault are
 * found by halving (a few {@code haproxy -c} runs for one bad app among a thousand, where marathon-lb
 * validated once per app), left out and reported, and the rest is routed. When even a table without any
 * app is refused, the templates themselves are broken: nothing is prepared and the running
 * configuration stays in force.
 */
final class ConfigGuard {

    private final BiFunction<RoutingTable, Map<String, List<ServerSlot>>, String> renderer;
    private final Proxy proxy;

    ConfigGuard(BiFunction<RoutingTable, Map<String, List<ServerSlot>>, String> renderer, Proxy proxy) {
        this.renderer = renderer;
        this.proxy = proxy;
    }

    /**
     * A validated configuration for {@code desired}, placing servers in slots from {@code current}.
     *
     * @param error null when a configuration was prepared; else why none could be
     */
    record Prepared(RoutingTable table, SlotLayout layout, String config, String error) {
    }

    /**
     * @param running what HAProxy routes now: an app refused although its configuration is the same as there means
     *                the templates or settings broke, not the app, so nothing is left out and nothing is prepared
     */
    Prepared prepare(RoutingTable wanted, SlotLayout current, RoutingTable running) {
        RoutingTable desired = wanted;
        String config;
        SlotLayout layout;
        while (true) {
            layout = current.forReload(desired);
            try {
                config = renderer.apply(desired, layout.slots());
                break;
            } catch (RenderRefusedException e) {
                if (e.appId() == null || !desired.appIds().contains(e.appId())) {
                    return new Prepared(null, null, null, "the configuration cannot be rendered: " + e.getMessage());
                }
                desired = desired.without(Set.of(e.appId()),
                        List.of(new AppProblem(e.appId(), null, "left out: " + e.getMessage())));
            } catch (TemplateException e) {
                return new Prepared(null, null, null, "the templates are broken: " + e.getMessage());
            }
        }
        Validation validation = proxy.validate(config);
        if (validation.valid()) {
            return new Prepared(desired, layout, config, null);
        }
        List<String> apps = List.copyOf(desired.appIds());
        Validation bare = validateOnly(desired, Set.of(), apps);
        if (!bare.valid()) {
            return new Prepared(null, null, null, "HAProxy refused the configuration even without any app"
                    + " (check the templates): " + firstLines(bare.output()));
        }
        // The whole table was refused already: look at its halves, not at it again.
        Map<String, String> bad = new TreeMap<>();
        if (apps.size() == 1) {
            bad.put(apps.getFirst(), validation.output());
        } else {
            findBad(desired, apps, bad);
        }
        RoutingTable checked = desired;
        List<String> unchanged = bad.keySet().stream().filter(app -> sameApp(app, checked, running)).toList();
        if (!unchanged.isEmpty()) {
            return new Prepared(null, null, null, "HAProxy refused apps whose configuration did not change "
                    + unchanged + " (the templates or settings are at fault; the running configuration stays): "
                    + firstLines(bad.get(unchanged.getFirst())));
        }
        List<AppProblem> problems = new ArrayList<>();
        bad.forEach((app, output) -> problems.add(new AppProblem(app, null,
                "left out: HAProxy refused its configuration: " + firstLines(output))));
        RoutingTable kept = desired.without(bad.keySet(), problems);
        SlotLayout keptLayout = current.forReload(kept);
        String keptConfig = renderer.apply(kept, keptLayout.slots());
        Validation last = proxy.validate(keptConfig);
        if (!last.valid()) {
            return new Prepared(null, null, null, "HAProxy refused the configuration after leaving out "
                    + bad.keySet() + ": " + firstLines(last.output()));
        }
        return new Prepared(kept, keptLayout, keptConfig, null);
    }

    /** Whether the app's frontends, virtual hosts and backend definitions are the same in both tables. */
    private static boolean sameApp(String app, RoutingTable a, RoutingTable b) {
        return a.frontends().stream().filter(f -> f.appId().equals(app)).toList()
                .equals(b.frontends().stream().filter(f -> f.appId().equals(app)).toList())
                && a.vhosts().stream().filter(v -> v.appId().equals(app)).toList()
                .equals(b.vhosts().stream().filter(v -> v.appId().equals(app)).toList())
                && a.backends().stream().filter(x -> x.appId().equals(app)).map(x -> x.definition()).toList()
                .equals(b.backends().stream().filter(x -> x.appId().equals(app)).map(x -> x.definition()).toList())
                && b.appIds().contains(app);
    }

    /**
     * Finds the refused apps among {@code refused} (a set HAProxy refused, of two apps or more) by validating each
     * half alone, recursing into refused halves; each app found is kept with HAProxy's answer to it alone.
     */
    private void findBad(RoutingTable desired, List<String> refused, Map<String, String> bad) {
        int half = refused.size() / 2;
        for (List<String> part : List.of(refused.subList(0, half), refused.subList(half, refused.size()))) {
            Validation validation = validateOnly(desired, Set.copyOf(part), desired.appIds());
            if (validation.valid()) {
                continue;
            }
            if (part.size() == 1) {
                bad.put(part.getFirst(), validation.output());
            } else {
                findBad(desired, part, bad);
            }
        }
    }

    private Validation validateOnly(RoutingTable desired, Set<String> keep, java.util.Collection<String> all) {
        Set<String> drop = new HashSet<>(all);
        drop.removeAll(keep);
        RoutingTable subset = desired.without(drop, List.of());
        return proxy.validate(renderer.apply(subset, SlotLayout.EMPTY.forReload(subset).slots()));
    }

    /** HAProxy's alerts (or, without any, its messages) cut to the first lines: enough to name the fault. */
    static String firstLines(String output) {
        if (output == null) {
            return "";
        }
        String[] all = output.strip().split("\n");
        // HAProxy's [ALERT] lines say what is wrong; [NOTICE] and [WARNING] lines come first and say little.
        String[] alerts = java.util.Arrays.stream(all).filter(l -> l.contains("[ALERT]")).toArray(String[]::new);
        String[] lines = alerts.length > 0 ? alerts : all;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(lines.length, 5); i++) {
            if (i > 0) {
                sb.append(" | ");
            }
            sb.append(lines[i].strip());
        }
        return sb.toString();
    }
}
