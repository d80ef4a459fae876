package io.mpaas.gateway.sync;

import io.mpaas.gateway.haproxy.ConfigFiles;
import io.mpaas.gateway.haproxy.ReloadResult;
import io.mpaas.gateway.haproxy.Reloader;
import io.mpaas.gateway.haproxy.RuntimeApi;
import java.util.List;

/** The real HAProxy behind the sync's {@link Proxy}: its admin socket, its config file and its master's reload. */
public final class HaproxyProxy implements Proxy {

    private final RuntimeApi runtime;
    private final ConfigFiles files;
    private final Reloader reloader;

    public HaproxyProxy(RuntimeApi runtime, ConfigFiles files, Reloader reloader) {
        this.runtime = runtime;
        this.files = files;
        this.reloader = reloader;
    }

    public ConfigFiles files() {
        return files;
    }

    public RuntimeApi runtime() {
        return runtime;
    }

    @Override
    public void execute(List<String> commands) {
        runtime.execute(commands);
    }

    @Override
    public Proxy.Validation validate(String config) {
        io.mpaas.gateway.haproxy.Validation result = files.validate(config);
        return new Proxy.Validation(result.valid(), result.output());
    }

    @Override
    public void write(String config) {
        files.write(config);
    }

    @Override
    public Reload reload() {
        ReloadResult result = reloader.reload();
        return new Reload(result.ok(), result.attempts(), result.duration().toMillis(), result.message());
    }
}
