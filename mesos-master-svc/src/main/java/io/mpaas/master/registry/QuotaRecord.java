package io.mpaas.master.registry;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A role's quota in the registry; guarantee and limit as JSON objects of scalar quantities. */
@Entity
@Table(name = "registry_quota")
class QuotaRecord {

    @Id
    private String role;

    @Column(nullable = false, length = 1048576)
    private String guarantee;

    @Column(name = "quota_limit", nullable = false, length = 1048576)
    private String limit;

    @Version
    private long version;

    protected QuotaRecord() {
    }

    QuotaRecord(String role, String guarantee, String limit) {
        this.role = role;
        this.guarantee = guarantee;
        this.limit = limit;
    }

    String role() {
        return role;
    }

    String guarantee() {
        return guarantee;
    }

    String limit() {
        return limit;
    }

    void set(String newGuarantee, String newLimit) {
        this.guarantee = newGuarantee;
        this.limit = newLimit;
    }
}
