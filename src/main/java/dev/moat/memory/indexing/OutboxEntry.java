package dev.moat.memory.indexing;

import dev.moat.user.Owner;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** A change the shared index has not applied yet, committed with the change itself (IndexOutbox). */
@Entity
@Table(name = "index_outbox")
public class OutboxEntry {

    /** What changed: one memory (added, changed or deleted: its row says which), or every memory of the user. */
    public enum Op {
        UPSERT,
        DELETE,
        FORGET
    }

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "index_outbox_seq")
    @SequenceGenerator(name = "index_outbox_seq", sequenceName = "index_outbox_seq", allocationSize = 50)
    public Long id;

    /** Null for FORGET. */
    @Column(name = "memory_id")
    public String memoryId;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "user_id", nullable = false)
    public String userId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Op op;

    @Column(nullable = false)
    public Instant at;

    public Owner owner() {
        return new Owner(tenantId, userId);
    }
}
