/**
 * Mesos's {@code /files} endpoints on the agent: browse, read (the web UI's log tailer) and
 * download the files of task sandboxes.
 *
 * <p>Mesos serves only "attached" paths; this agent attaches one tree, its
 * {@code <work-dir>/slaves}, under which every sandbox lives
 * ({@code slaves/<agent>/frameworks/<framework>/executors/<executor>/runs/<container>}). A request
 * names a sandbox file by its absolute host path (the {@code directory} of an executor in the
 * agent's {@code /state}); a path that, once symlinks are resolved, is not inside that tree is
 * answered as if it did not exist.
 */
package io.mpaas.agent.files;
