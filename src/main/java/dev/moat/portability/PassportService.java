package dev.moat.portability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moat.chat.TranscriptMessage;
import dev.moat.embed.EmbeddingService;
import dev.moat.embed.Vectors;
import dev.moat.memory.Memory;
import dev.moat.memory.MemoryJson;
import dev.moat.memory.MemoryLimits;
import dev.moat.memory.MemoryService;
import dev.moat.memory.Provenance;
import dev.moat.user.Owner;
import dev.moat.user.UserRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The memory passport: a user's whole memory out as one document, and documents (Moat's own, ChatGPT's and Claude's
 * exports, mem0's memories, Letta's agent files) in. An import adds what is missing, in one transaction: all of it or none.
 */
@ApplicationScoped
public class PassportService {

    private static final Logger LOG = Logger.getLogger(PassportService.class);
    private static final int EMBED_BATCH = 256;

    private final PassportStore store;
    private final LocalIds localIds;
    private final DocumentParts parts;
    private final EmbeddingService embeddings;
    private final MemoryService memories;
    private final MemoryJson json;
    private final UserRegistry users;

    public PassportService(
            PassportStore store,
            LocalIds localIds,
            DocumentParts parts,
            EmbeddingService embeddings,
            MemoryService memories,
            MemoryJson json,
            UserRegistry users) {
        this.store = store;
        this.localIds = localIds;
        this.parts = parts;
        this.embeddings = embeddings;
        this.memories = memories;
        this.json = json;
        this.users = users;
    }

    /** The user's passport; empty when Moat has never seen the user. */
    public Optional<Passport> export(Owner owner) {
        return store.read(owner, Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    /** Checks the document against its format's schema, then imports it. */
    public ImportResult importDocument(Owner owner, JsonNode document, ImportFormat format) {
        return importPassport(owner, parts.whole(document, format, owner.userId()));
    }

    ImportResult importPassport(Owner owner, Passport passport) {
        ImportResult result = importPassport(owner, passport, true).result();
        LOG.infof("Imported into user %s of tenant %s: %s", owner.userId(), owner.tenantId(), result);
        return result;
    }

    /**
     * Imports one part of a streamed document, its memories without vectors: searchable by BM25 once this returns, by
     * vector once {@link MemoryService#fillVectors} has run over the ids returned (the start-up's index check fills
     * any a stopped server left without).
     */
    public PassportStore.Applied importPart(Owner owner, Passport part) {
        return importPassport(owner, part, false);
    }

    private PassportStore.Applied importPassport(Owner owner, Passport passport, boolean embedNow) {
        checkUniqueIds(passport);
        Set<String> memoryIds = new HashSet<>();
        passport.memories().forEach(m -> {
            memoryIds.add(m.id());
            if (m.provenance() != null) {
                memoryIds.addAll(m.provenance().sources());
            }
        });
        passport.history().forEach(e -> memoryIds.add(e.memoryId()));
        passport.sessions().forEach(s -> s.messages().stream()
                .filter(m -> m.memoryId() != null)
                .forEach(m -> memoryIds.add(m.memoryId())));
        LocalIds.Ids ids = localIds.map(
                owner,
                memoryIds,
                passport.sessions().stream().map(Passport.Session::id).toList());

        List<ImportPlan.LocalEvent> history = passport.history().stream()
                .map(e -> new ImportPlan.LocalEvent(ids.memories().get(e.memoryId()), e))
                .toList();
        List<Passport.PassportMemory> missing = passport.memories().stream()
                .filter(m -> !ids.present().contains(ids.memories().get(m.id())))
                .toList();
        List<float[]> vectors = embedNow ? embed(missing) : null;
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<Memory> rows = new ArrayList<>(missing.size());
        for (int i = 0; i < missing.size(); i++) {
            rows.add(memory(owner, missing.get(i), vectors == null ? null : vectors.get(i), ids, now));
        }
        Set<String> deleted = new HashSet<>();
        history.forEach(e -> deleted.add(e.memoryId()));
        passport.memories().forEach(m -> deleted.remove(ids.memories().get(m.id())));

        ImportPlan plan = new ImportPlan(
                rows,
                history,
                deleted,
                sessions(owner, passport, ids),
                passport.memories().size() - missing.size(),
                passport.user() == null ? null : passport.user().createdAt());
        users.ensure(owner);
        PassportStore.Applied applied = store.apply(owner, plan);
        memories.indexCommitted(applied.added());
        return applied;
    }

    private static void checkUniqueIds(Passport passport) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < passport.memories().size(); i++) {
            Integer before = seen.putIfAbsent(passport.memories().get(i).id(), i);
            if (before != null) {
                throw new InvalidImportException("not a valid passport document: at $.memories[" + i
                        + "].id: repeats the id of $.memories[" + before + "]");
            }
        }
        seen.clear();
        for (int i = 0; i < passport.sessions().size(); i++) {
            Integer before = seen.putIfAbsent(passport.sessions().get(i).id(), i);
            if (before != null) {
                throw new InvalidImportException("not a valid passport document: at $.sessions[" + i
                        + "].id: repeats the id of $.sessions[" + before + "]");
            }
        }
    }

    /** Embeddings are not carried by a passport: they are computed here, with this instance's model. */
    private List<float[]> embed(List<Passport.PassportMemory> missing) {
        List<float[]> vectors = new ArrayList<>(missing.size());
        for (int from = 0; from < missing.size(); from += EMBED_BATCH) {
            List<String> texts = missing.subList(from, Math.min(missing.size(), from + EMBED_BATCH)).stream()
                    // the context as memory() stores it, so the vector is the one a write would compute
                    .map(m -> EmbeddingService.passage(m.text(), MemoryLimits.clipContext(m.context())))
                    .toList();
            vectors.addAll(embeddings.embedAll(texts));
            if (missing.size() > EMBED_BATCH) {
                LOG.infof("Import: embedded %d of %d memories", vectors.size(), missing.size());
            }
        }
        return vectors;
    }

    private Memory memory(Owner owner, Passport.PassportMemory in, float[] vector, LocalIds.Ids ids, Instant now) {
        Memory m = new Memory();
        m.id = ids.memories().get(in.id());
        m.tenantId = owner.tenantId();
        m.userId = owner.userId();
        m.text = in.text();
        m.kind = in.kind();
        m.occurredAt = in.occurredAt().truncatedTo(ChronoUnit.MILLIS);
        m.createdAt = in.createdAt() != null ? in.createdAt() : now;
        m.updatedAt = in.updatedAt() != null ? in.updatedAt() : m.createdAt;
        m.sessionId = in.sessionId() == null ? null : ids.sessions().getOrDefault(in.sessionId(), in.sessionId());
        m.metadata = json.metadata(in.metadata());
        m.context = MemoryLimits.clipContext(in.context());
        m.slot = in.slot();
        m.holdsUntil(in.validTo() == null ? null : in.validTo().truncatedTo(ChronoUnit.MILLIS));
        m.revision = 1;
        Provenance p = in.provenance();
        m.provenance = p == null
                ? null
                : json.provenance(new Provenance(
                        p.sources().stream().map(ids.memories()::get).toList(), p.provider(), p.model()));
        if (vector != null) {
            m.embedding = Vectors.toBytes(vector);
            m.embeddingModel = embeddings.modelName();
        }
        return m;
    }

    private static List<ImportPlan.SessionRows> sessions(Owner owner, Passport passport, LocalIds.Ids ids) {
        List<ImportPlan.SessionRows> sessions = new ArrayList<>();
        for (Passport.Session s : passport.sessions()) {
            String sessionId = ids.sessions().get(s.id());
            List<TranscriptMessage> messages = new ArrayList<>();
            for (Passport.Message in : s.messages()) {
                TranscriptMessage m = new TranscriptMessage();
                m.sessionId = sessionId;
                m.tenantId = owner.tenantId();
                m.userId = owner.userId();
                m.role = TranscriptMessage.Role.valueOf(in.role().toUpperCase(Locale.ROOT));
                m.text = in.text();
                m.provider = in.provider();
                m.model = in.model();
                m.memoryId = in.memoryId() == null ? null : ids.memories().get(in.memoryId());
                m.at = in.at().truncatedTo(ChronoUnit.MILLIS);
                messages.add(m);
            }
            Instant updated = s.updatedAt() != null
                    ? s.updatedAt()
                    : messages.isEmpty() ? s.createdAt() : messages.get(messages.size() - 1).at;
            sessions.add(new ImportPlan.SessionRows(sessionId, s.createdAt(), updated, messages));
        }
        return sessions;
    }
}
