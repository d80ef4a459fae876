package io.mpaas.marathon.instance;

import java.util.Collection;
import java.util.List;

/**
 * Durable store of instances (with their health results). The scheduler writes each change here
 * before it acts on it, so a new leader knows every task the old one launched.
 */
public interface InstanceRepository {

    List<Instance> all();

    /** Inserts or replaces these instances (by instance id) in one transaction. */
    void saveAll(Collection<Instance> instances);

    /** Forgets these instances; unknown ids are ignored. */
    void deleteAll(Collection<String> instanceIds);
}
