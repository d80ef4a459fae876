package io.mpaas.master.ha;

/** Work that runs only while this master leads: started when a term has recovered, stopped when it ends. */
public interface LeaderWork {

    void start();

    void stop();
}
