package io.mpaas.master.registry;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** An admitted agent in the registry. Never leaves this package. */
@Entity
@Table(name = "registry_agent")
class AgentRecord {

    @Id
    @Column(name = "agent_id")
    private String agentId;

    @Column(nullable = false)
    private String hostname;

    @Column(name = "agent_info", nullable = false, length = 1048576)
    private String agentInfo;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Registry.AgentStanding standing;

    @Column(name = "admitted_at", nullable = false)
    private Instant admittedAt;

    @Column(name = "unreachable_at")
    private Instant unreachableAt;

    @Version
    private long version;

    protected AgentRecord() {
    }

    AgentRecord(String agentId, String hostname, String agentInfo, Registry.AgentStanding standing,
            Instant admittedAt) {
        this.agentId = agentId;
        this.hostname = hostname;
        this.agentInfo = agentInfo;
        this.standing = standing;
        this.admittedAt = admittedAt;
    }

    String agentId() {
        return agentId;
    }

    long version() {
        return version;
    }

    String agentInfo() {
        return agentInfo;
    }

    Registry.AgentStanding standing() {
        return standing;
    }

    Instant admittedAt() {
        return admittedAt;
    }

    Instant unreachableAt() {
        return unreachableAt;
    }

    void describe(String newHostname, String newInfo) {
        this.hostname = newHostname;
        this.agentInfo = newInfo;
    }

    void standing(Registry.AgentStanding newStanding, Instant unreachable) {
        this.standing = newStanding;
        this.unreachableAt = unreachable;
    }
}
