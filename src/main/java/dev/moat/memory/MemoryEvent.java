package dev.moat.memory;

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

/** One change of a memory, with the memory as it was before and after (JSON). */
@Entity
@Table(name = "memory_event")
public class MemoryEvent {

    /** What happened to the memory. */
    public enum Type {
        ADD,
        UPDATE,
        DELETE
    }

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "memory_event_seq")
    @SequenceGenerator(name = "memory_event_seq", sequenceName = "memory_event_seq", allocationSize = 50)
    public Long id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "user_id", nullable = false)
    public String userId;

    @Column(name = "memory_id", nullable = false)
    public String memoryId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Type type;

    @Column(name = "before_state")
    public String before;

    @Column(name = "after_state")
    public String after;

    @Column(nullable = false)
    public Instant at;

    /**
     * The memory's revision this event made (1 for its ADD): what orders one memory's history, as event ids, drawn by
     * each instance from its own block of the sequence, cannot. Null for events imported from a passport.
     */
    public Long revision;
}
