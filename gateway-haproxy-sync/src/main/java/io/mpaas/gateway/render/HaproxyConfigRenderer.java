package io.mpaas.gateway.render;

import io.mpaas.protocol.gateway.Backend;
import io.mpaas.protocol.gateway.RoutingTable;
import io.mpaas.protocol.gateway.ServiceFrontend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Writes HAProxy 2.6's whole configuration for a routing table, laid out as marathon-lb lays it out:
 * {@code global} and {@code defaults}, {@code listen stats}, the shared virtual-host frontends
 * {@code marathon_http_in} and {@code marathon_https_in}, one frontend per app service port, one backend
 * per app port. Every piece comes from a named {@link ConfigTemplate} that operators may override.
 *
 * <p>The text depends on nothing but the arguments, the settings and the templates: the same input gives
 * the same bytes, so "the configuration did not change" can be decided by comparing text, and no reload
 * follows. Service frontends and backends are written sorted by name so that a table listing them in
 * another order gives the same text; virtual-host routes keep their order within equal weights, because
 * there the order is meaningful (the first matching route wins).
 *
 * <p>Safe to call from several threads; overrides are looked at on every call (see {@link TemplateLibrary}).
 */
public class HaproxyConfigRenderer {

    private final RenderSettings settings;
    private final TemplateLibrary templates;

    public HaproxyConfigRenderer(RenderSettings settings) {
        this.settings = settings;
        this.templates = new TemplateLibrary(settings.templatesDir());
    }

    /**
     * The configuration for {@code table}.
     *
     * @param slotsByBackend the server slots of each backend, by backend name, in the order to write
     *                       them; a backend missing here gets its servers as slots {@code s1..sN}, no free
     *                       slot; entries for backends not in the table are ignored
     * @throws TemplateException       when a template uses a placeholder the renderer does not supply
     * @throws RenderRefusedException  when a value cannot be written (a line break in a host, say); it
     *                                 names the app, so the caller can render again without it
     */
    public String render(RoutingTable table, Map<String, List<ServerSlot>> slotsByBackend) {
        StringBuilder out = new StringBuilder(4096);
        writeHead(out);
        writeStats(out);
        new VhostFrontends(templates, settings).write(table.vhosts(), out);
        List<ServiceFrontend> frontends = new ArrayList<>(table.frontends());
        frontends.sort(Comparator.comparing(ServiceFrontend::name).thenComparingInt(ServiceFrontend::port));
        frontends.forEach(f -> writeFrontend(f, out));
        BackendSections backends = new BackendSections(templates);
        List<Backend> sorted = new ArrayList<>(table.backends());
        sorted.sort(Comparator.comparing(Backend::name));
        for (Backend b : sorted) {
            List<ServerSlot> slots = slotsByBackend.get(b.name());
            backends.write(b, slots == null ? BackendSections.slotsOf(b) : slots, out);
        }
        return out.toString();
    }

    private void writeHead(StringBuilder out) {
        String stateFile = settings.serverStateFile();
        out.append(templates.get(ConfigTemplate.HAPROXY_HEAD).render(Map.of(
                "maxconn", Integer.toString(settings.maxconn()),
                "hardStopAfter", haproxyTime(settings.hardStopAfter()),
                "adminSocket", HaproxyToken.quote("gateway.render.admin-socket", null, settings.adminSocket()),
                "serverStateFileDirective", stateFile == null ? ""
                        : "server-state-file " + HaproxyToken.quote("gateway.render.server-state-file", null, stateFile),
                "loadServerStateDirective", stateFile == null ? "" : "load-server-state-from-file global")));
    }

    private void writeStats(StringBuilder out) {
        String auth = "";
        if (settings.statsProtected()) {
            auth = "stats auth " + HaproxyToken.quote("gateway.render.stats-user/password", null,
                    settings.statsUser() + ":" + settings.statsPassword());
        }
        out.append(templates.get(ConfigTemplate.HAPROXY_STATS).render(Map.of(
                "statsBind", settings.statsProtected() ? "*" : "127.0.0.1",
                "statsPort", Integer.toString(settings.statsPort()),
                "statsAuthDirective", auth)));
    }

    private void writeFrontend(ServiceFrontend f, StringBuilder out) {
        String ssl = f.sslCert() == null || f.sslCert().isBlank() ? ""
                : " ssl crt " + HaproxyToken.quote("ssl cert of frontend " + f.name(), f.appId(), f.sslCert());
        out.append(templates.get(ConfigTemplate.HAPROXY_FRONTEND_HEAD).render(Map.of(
                "name", HaproxyToken.quote("frontend name", f.appId(), f.name()),
                "bindAddress", HaproxyToken.quote("bind address of frontend " + f.name(), f.appId(), f.bindAddress()),
                "port", Integer.toString(f.port()),
                "sslOptions", ssl,
                "mode", f.mode().keyword(),
                "backend", HaproxyToken.quote("backend of frontend " + f.name(), f.appId(), f.backend()),
                "appId", f.appId() == null ? "" : HaproxyToken.quote("app id", f.appId(), f.appId()))));
    }

    /**
     * A duration in HAProxy's time syntax, in the largest unit that states it exactly ({@code 2m},
     * {@code 90s}, {@code 1500ms}), so the text reads like the setting.
     */
    static String haproxyTime(Duration d) {
        long ms = d.toMillis();
        if (ms % 86_400_000 == 0) {
            return ms / 86_400_000 + "d";
        }
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1_000 == 0) {
            return ms / 1_000 + "s";
        }
        return ms + "ms";
    }
}
