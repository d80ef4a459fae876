package io.mpaas.gateway.haproxy;

/**
 * The commands we need from HAProxy's master CLI ({@code -S}). An interface so that the reloader's confirm and
 * retry logic can be tested against a scripted fake.
 */
public interface MasterCli {

    /**
     * {@code show proc}.
     *
     * @throws HaproxyUnreachableException if the master did not answer (it may be re-executing)
     */
    ProcessTable showProc();

    /**
     * Asks the master to reload. Fire-and-forget: returning normally only means the master took the command, not
     * that the new config runs; confirm with {@link #showProc()}.
     *
     * @throws HaproxyUnreachableException if the master refused the connection for too long
     */
    void reload();
}
