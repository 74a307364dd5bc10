package dev.moat.memory.indexing;

import dev.moat.memory.Memory;
import dev.moat.memory.MemoryRepository;
import dev.moat.user.Owner;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.List;

/** Whole-database reads for the index repair and its gauges: every tenant, never exposed through the API. */
@ApplicationScoped
@Transactional
public class RepairQueries {

    /** What the repair compares of a memory with the index: its version and the model of its vector. */
    public record MemoryVersion(String id, long version, String embeddingModel) {}

    private final MemoryRepository memories;

    public RepairQueries(MemoryRepository memories) {
        this.memories = memories;
    }

    /** Id, version and embedding model of up to limit memories with ids after afterId, in id order. */
    public List<MemoryVersion> versionsAfter(String afterId, int limit) {
        return memories.find("id > ?1", Sort.ascending("id"), afterId)
                .project(MemoryVersion.class)
                .page(0, limit)
                .list();
    }

    /** The version of the most recently changed memory (0 when there is none), for the index-lag gauge. */
    public long newestVersion() {
        Long newest = memories.getEntityManager()
                .createQuery("select max(m.version) from Memory m", Long.class)
                .getSingleResult();
        return newest == null ? 0 : newest;
    }

    /** Ids of every memory of the owner. */
    public List<String> idsOf(Owner owner) {
        return memories.getEntityManager()
                .createQuery("select m.id from Memory m where m.tenantId = :t and m.userId = :u", String.class)
                .setParameter("t", owner.tenantId())
                .setParameter("u", owner.userId())
                .getResultList();
    }

    /** Those of the ids that are memories in the database, whoever owns them. */
    public List<String> existingAmong(Collection<String> ids) {
        return memories.getEntityManager()
                .createQuery("select m.id from Memory m where m.id in :ids", String.class)
                .setParameter("ids", ids)
                .getResultList();
    }

    /** Memories among the ids, whoever owns them. */
    public List<Memory> findAnyOwner(Collection<String> ids) {
        return memories.list("id in ?1", ids);
    }

    /** Replaces a memory's stored embedding (after a change of model) without changing its version. */
    public void storeEmbedding(String id, byte[] embedding, String model) {
        memories.update("embedding = ?1, embeddingModel = ?2 where id = ?3", embedding, model, id);
    }
}
