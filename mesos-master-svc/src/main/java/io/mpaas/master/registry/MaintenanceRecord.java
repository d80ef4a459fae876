package io.mpaas.master.registry;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** The maintenance schedule (a single row) as JSON. */
@Entity
@Table(name = "registry_maintenance")
class MaintenanceRecord {

    static final int ONLY = 1;

    @Id
    private int id;

    @Column(nullable = false, length = 1048576)
    private String schedule;

    @Version
    private long version;

    protected MaintenanceRecord() {
    }

    MaintenanceRecord(String schedule) {
        this.id = ONLY;
        this.schedule = schedule;
    }

    String schedule() {
        return schedule;
    }

    void schedule(String s) {
        this.schedule = s;
    }
}
