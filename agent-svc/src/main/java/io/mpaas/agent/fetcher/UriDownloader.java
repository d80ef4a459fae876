package io.mpaas.agent.fetcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Locale;

/**
 * Opens the source of a URI. HTTP goes through {@link HttpURLConnection} because its read timeout
 * is exactly a stall timeout: no byte for that long and the read fails, however long the whole
 * download takes. Redirects are followed between http and https both ways (as curl does for
 * Mesos), at most {@link #MAX_REDIRECTS} of them. Every failure is an {@link IOException} whose
 * message says what happened in words an operator can act on.
 */
final class UriDownloader {

    /** curl's own default is 50; a handful is what real artifact stores use (CDN, signed URL). */
    static final int MAX_REDIRECTS = 10;

    private static final int BUFFER = 64 * 1024;

    private final Duration stallTimeout;

    UriDownloader(Duration stallTimeout) {
        this.stallTimeout = stallTimeout;
    }

    Transfer open(FetchedUri.Source source) throws IOException, InterruptedException {
        return switch (source) {
            case FetchedUri.Source.Remote remote -> openRemote(remote.uri());
            case FetchedUri.Source.Local local -> openLocal(local.path());
        };
    }

    private Transfer openLocal(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString(), null, "no such file on the agent");
        }
        if (Files.isDirectory(path)) {
            throw new IOException(path + " is a directory");
        }
        long length = Files.size(path);
        return new Transfer() {
            @Override
            public long length() {
                return length;
            }

            @Override
            public void copyTo(Path file) throws IOException {
                Files.copy(path, file, StandardCopyOption.REPLACE_EXISTING);
            }

            @Override
            public void close() {
            }
        };
    }

    private Transfer openRemote(URI uri) throws IOException, InterruptedException {
        URI current = uri;
        for (int redirects = 0; ; redirects++) {
            HttpURLConnection connection = (HttpURLConnection) current.toURL().openConnection();
            connection.setInstanceFollowRedirects(false);
            connection.setConnectTimeout(millis(stallTimeout));
            connection.setReadTimeout(millis(stallTimeout));
            connection.setRequestProperty("User-Agent", "mpaas-agent-fetcher");
            int status;
            try {
                status = connection.getResponseCode();
            } catch (IOException e) {
                connection.disconnect();
                throw explained(e, current);
            }
            if (status >= 300 && status < 400 && status != 304 && connection.getHeaderField("Location") != null) {
                String location = connection.getHeaderField("Location");
                connection.disconnect();
                if (redirects >= MAX_REDIRECTS) {
                    throw new IOException("more than " + MAX_REDIRECTS + " redirects");
                }
                current = current.resolve(location);
                String scheme = current.getScheme() == null ? "" : current.getScheme().toLowerCase(Locale.ROOT);
                if (!scheme.equals("http") && !scheme.equals("https")) {
                    throw new IOException("redirected to " + current + ", which is not http or https");
                }
                continue;
            }
            if (status != HttpURLConnection.HTTP_OK) {
                String reason = connection.getResponseMessage();
                connection.disconnect();
                throw new IOException("HTTP " + status + (reason == null || reason.isBlank() ? "" : " " + reason)
                        + (current.equals(uri) ? "" : " from " + current));
            }
            return new RemoteTransfer(connection, current);
        }
    }

    /** Turns the JDK's terse exceptions into what happened. Interruption (a KILL) stays an interruption. */
    private IOException explained(IOException e, URI uri) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("fetch cancelled");
        }
        String where = uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        return switch (e) {
            case SocketTimeoutException t when isConnect(t) -> new IOException("could not connect to " + where
                    + " within " + stallTimeout + " (mesos.agent.fetcher.stall-timeout)", e);
            case SocketTimeoutException t -> new IOException("stalled: no data from " + where + " for " + stallTimeout
                    + " (mesos.agent.fetcher.stall-timeout)", e);
            case ConnectException c -> new IOException("cannot connect to " + where + ": " + c.getMessage(), e);
            case UnknownHostException u -> new IOException("unknown host " + uri.getHost(), e);
            default -> new IOException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        };
    }

    private static boolean isConnect(SocketTimeoutException timeout) {
        return String.valueOf(timeout.getMessage()).toLowerCase(Locale.ROOT).contains("connect");
    }

    private static int millis(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, duration.toMillis()));
    }

    /** An HTTP answer whose body is still to be read. */
    private final class RemoteTransfer implements Transfer {

        private final HttpURLConnection connection;
        private final URI uri;

        RemoteTransfer(HttpURLConnection connection, URI uri) {
            this.connection = connection;
            this.uri = uri;
        }

        @Override
        public long length() {
            return connection.getContentLengthLong();
        }

        @Override
        public void copyTo(Path file) throws IOException, InterruptedException {
            long expected = length();
            long received = 0;
            try (InputStream in = connection.getInputStream(); OutputStream out = Files.newOutputStream(file)) {
                byte[] buffer = new byte[BUFFER];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (Thread.interrupted()) {
                        throw new InterruptedException("fetch cancelled");
                    }
                    out.write(buffer, 0, n);
                    received += n;
                }
            } catch (IOException e) {
                throw explained(e, uri);
            }
            if (expected >= 0 && received != expected) {
                throw new IOException("the connection ended after " + received + " of " + expected + " bytes");
            }
        }

        @Override
        public void close() {
            connection.disconnect();
        }
    }
}
