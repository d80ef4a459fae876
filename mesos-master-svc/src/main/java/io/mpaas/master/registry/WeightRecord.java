package io.mpaas.master.registry;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A role's weight in the registry. */
@Entity
@Table(name = "registry_weight")
class WeightRecord {

    @Id
    private String role;

    @Column(nullable = false)
    private double weight;

    @Version
    private long version;

    protected WeightRecord() {
    }

    WeightRecord(String role, double weight) {
        this.role = role;
        this.weight = weight;
    }

    String role() {
        return role;
    }

    double weight() {
        return weight;
    }

    void weight(double w) {
        this.weight = w;
    }
}
