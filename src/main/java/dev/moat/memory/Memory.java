package dev.moat.memory;

import dev.moat.user.Owner;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A remembered piece of a user's history. The database row is the truth; the index is derived from it. */
@Entity
@Table(name = "memory")
public class Memory {

    @Id
    public String id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "user_id", nullable = false)
    public String userId;

    @Column(nullable = false)
    public String text;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public MemoryKind kind;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "session_id")
    public String sessionId;

    /** JSON object, as the caller gave it. */
    public String metadata;

    /**
     * The turn this memory answered (the one before it in its session, or what its writer named), at most
     * {@link MemoryLimits#MAX_CONTEXT_CHARS}: searched and embedded beside the text, never shown as part of it.
     */
    public String context;

    /**
     * What an extracted fact or preference is about ("Ana|lives in"): the key consolidation matches a newer memory
     * to an older one by. Null for other memories.
     */
    @Column(length = 256)
    public String slot;

    /** When a newer memory of the same slot superseded this one; null while it holds. */
    @Column(name = "valid_to")
    public Instant validTo;

    /**
     * The slot while this memory holds for it (no validTo), else null: unique per user in the database, so two writers
     * can never both hold a slot. Set by {@link #holdsUntil}.
     */
    @Column(name = "holding_slot", length = 256)
    public String holdingSlot;

    /** {@link Provenance} as JSON; null for a memory with none. */
    public String provenance;

    /** The text's embedding (little-endian floats) under {@link #embeddingModel}, kept so a rebuild needs no model. */
    public byte[] embedding;

    @Column(name = "embedding_model")
    public String embeddingModel;

    /** Id of the event that last changed this memory. */
    @Column(nullable = false)
    public long version;

    /**
     * How many times this memory was written, from 1: changes are serialized by the row's lock, so this grows by one
     * with each, unlike event ids (each instance draws those from its own block of the sequence). What orders the
     * changes an external index may receive out of order.
     */
    @Column(nullable = false)
    public long revision;

    /** Sets validTo, and whether the memory holds its slot with it. */
    public void holdsUntil(Instant validTo) {
        this.validTo = validTo;
        this.holdingSlot = validTo == null ? slot : null;
    }

    public Owner owner() {
        return new Owner(tenantId, userId);
    }
}
