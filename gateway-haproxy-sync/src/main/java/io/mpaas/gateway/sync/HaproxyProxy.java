package io.mpaas.gateway.sync;

import io.mpaas.gateway.haproxy.ConfigFiles;
import io.mpaas.gateway.haproxy.ReloadResult;
import io.mpaas.gateway.haproxy.Reloader;
import io.mpaas.gateway.haproxy.RuntimeApi;
import io.mpaas.gateway.haproxy.Validation;
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
    public Validation validate(String config) {
        return files.validate(config);
    }

    @Override
    public void write(String config) {
        files.write(config);
    }

    @Override
    public ReloadResult reload() {
        return reloader.reload();
    }
}
