package io.mpaas.agent.fetcher;

import java.io.IOException;
import java.nio.file.Path;

/** A source that answered: its length when it says, and its bytes, written once into a file. */
interface Transfer extends AutoCloseable {

    /** The length in bytes, or -1 when the source does not say (a chunked HTTP answer). */
    long length();

    /** Writes the bytes into {@code file}, replacing it. */
    void copyTo(Path file) throws IOException, InterruptedException;

    @Override
    void close();
}
