package io.mpaas.protocol.mesos.client;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A configured list of masters ({@code --master=m1:5050,m2:5050} style), tried in turn: the
 * current one stays until it is reported unusable, then the next one is tried. Any master of the
 * list will do, because standbys redirect to the leader.
 */
public final class StaticMasterLocator implements MasterLocator {

    private final List<URI> masters;
    private final AtomicInteger index = new AtomicInteger();

    public StaticMasterLocator(List<URI> masters) {
        if (masters.isEmpty()) {
            throw new IllegalArgumentException("at least one master is needed");
        }
        this.masters = masters.stream().map(StaticMasterLocator::normalized).toList();
    }

    /**
     * Parses a comma-separated list of masters; each entry is a base URI ({@code http://m1:5050})
     * or a bare {@code host:port}, which means plain HTTP.
     */
    public static StaticMasterLocator parse(String masters) {
        return new StaticMasterLocator(Arrays.stream(masters.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(s -> URI.create(s.contains("://") ? s : "http://" + s))
                .toList());
    }

    @Override
    public Optional<URI> current() {
        return Optional.of(masters.get(Math.floorMod(index.get(), masters.size())));
    }

    @Override
    public void unusable(URI master) {
        // Moves on only if the failed master is still the current one: two reports of the same
        // failure (or a report about a redirect target outside the list) must not skip a master.
        int seen = index.get();
        if (normalized(master).equals(masters.get(Math.floorMod(seen, masters.size())))) {
            index.compareAndSet(seen, seen + 1);
        }
    }

    /** The masters, in the order they are tried. */
    public List<URI> masters() {
        return masters;
    }

    private static URI normalized(URI uri) {
        String s = uri.toString();
        return s.endsWith("/") ? URI.create(s.substring(0, s.length() - 1)) : uri;
    }
}
