package io.mpaas.protocol.mesos.client;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;

/** Virtual threads, each remembered, so a test can check that none outlives the client. */
final class TrackingThreadFactory implements ThreadFactory {

    private final ThreadFactory virtual = Thread.ofVirtual().name("test-scheduler-", 0).factory();
    private final List<Thread> created = new CopyOnWriteArrayList<>();

    @Override
    public Thread newThread(Runnable task) {
        Thread thread = virtual.newThread(task);
        created.add(thread);
        return thread;
    }

    List<Thread> alive() {
        return created.stream().filter(Thread::isAlive).toList();
    }

    int created() {
        return created.size();
    }
}
