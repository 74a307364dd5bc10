package dev.moat.portability;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moat.chat.ChatSession;
import dev.moat.chat.TranscriptMessage;
import dev.moat.memory.Memory;
import dev.moat.memory.MemoryEvent;
import dev.moat.memory.MemoryJson;
import dev.moat.memory.MemoryStore;
import dev.moat.memory.MemoryUser;
import dev.moat.memory.Owner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads a user's rows as a passport and writes an import plan, each in one transaction. */
@ApplicationScoped
@Transactional
public class PassportStore {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

    private final EntityManager em;
    private final MemoryStore memories;
    private final MemoryJson json;
    private final ObjectMapper mapper;

    public PassportStore(EntityManager em, MemoryStore memories, MemoryJson json, ObjectMapper mapper) {
        this.em = em;
        this.memories = memories;
        this.json = json;
        this.mapper = mapper;
    }

    /** The user's passport, or empty when the user does not exist. Everything in a stable order. */
    public Optional<Passport> read(Owner owner, Instant exportedAt) {
        MemoryUser user = em.find(MemoryUser.class, new MemoryUser.Key(owner));
        if (user == null) {
            return Optional.empty();
        }
        Map<String, List<Passport.Message>> transcripts = new LinkedHashMap<>();
        for (TranscriptMessage m : ofOwner(
                "from TranscriptMessage x where %s order by x.sessionId, x.id", TranscriptMessage.class, owner)) {
            transcripts
                    .computeIfAbsent(m.sessionId, k -> new ArrayList<>())
                    .add(new Passport.Message(
                            m.role.name().toLowerCase(Locale.ROOT), m.text, m.at, m.provider, m.model, m.memoryId));
        }
        List<Passport.Session> sessions =
                ofOwner("from ChatSession x where %s order by x.createdAt, x.id", ChatSession.class, owner).stream()
                        .map(s -> new Passport.Session(
                                s.id, s.createdAt, s.updatedAt, transcripts.getOrDefault(s.id, List.of())))
                        .toList();
        List<Passport.PassportMemory> held = memories.all(owner).stream()
                .map(m -> new Passport.PassportMemory(
                        m.id,
                        m.text,
                        m.kind,
                        m.occurredAt,
                        m.createdAt,
                        m.updatedAt,
                        m.sessionId,
                        json.metadataOf(m.metadata),
                        json.provenanceOf(m.provenance),
                        m.context,
                        m.slot,
                        m.validTo))
                .toList();
        List<Passport.Event> history =
                ofOwner("from MemoryEvent x where %s order by x.id", MemoryEvent.class, owner).stream()
                        .map(e -> new Passport.Event(
                                e.memoryId, e.type.name().toLowerCase(Locale.ROOT), e.at, map(e.before), map(e.after)))
                        .toList();
        return Optional.of(new Passport(
                Passport.FORMAT,
                Passport.VERSION,
                exportedAt,
                new Passport.User(owner.userId(), user.createdAt, user.provider),
                sessions,
                held,
                history));
    }

    /** What an import wrote: the counts, and the memories added (for the index). */
    public record Applied(ImportResult result, List<Memory> added) {}

    /** Writes every part of the plan or none. History keeps the passport's order. */
    public Applied apply(Owner owner, ImportPlan plan) {
        MemoryUser user = em.find(MemoryUser.class, new MemoryUser.Key(owner));
        if (user != null && plan.userSince() != null && plan.userSince().isBefore(user.createdAt)) {
            user.createdAt = plan.userSince(); // the user's history began where the passport was made
        }
        Map<String, Memory> adding = new LinkedHashMap<>();
        int skipped = plan.skippedMemories();
        for (Memory m : plan.memories()) {
            if (em.find(Memory.class, m.id) != null) {
                skipped++; // added by a concurrent import of the same document since the plan was made
            } else {
                adding.put(m.id, m);
            }
        }
        Map<String, Boolean> deletedMissing = new HashMap<>();
        int events = 0;
        for (ImportPlan.LocalEvent le : plan.history()) {
            Memory m = adding.get(le.memoryId());
            boolean wanted = m != null
                    || (plan.deleted().contains(le.memoryId())
                            && deletedMissing.computeIfAbsent(le.memoryId(), id -> !hasEvents(owner, id)));
            if (!wanted) {
                continue;
            }
            Passport.Event e = le.event();
            long id = memories.recordEvent(
                    owner,
                    le.memoryId(),
                    MemoryEvent.Type.valueOf(e.type().toUpperCase(Locale.ROOT)),
                    snapshot(e.before(), le.memoryId(), owner),
                    snapshot(e.after(), le.memoryId(), owner),
                    e.at());
            events++;
            if (m != null) {
                m.version = id;
            }
        }
        for (Memory m : adding.values()) {
            if (m.version == 0) { // the passport holds no history of it: its import is its first event
                m.version = memories.recordEvent(
                        owner, m.id, MemoryEvent.Type.ADD, null, json.snapshot(json.view(m)), m.createdAt);
                events++;
            }
            em.persist(m);
        }
        int sessions = 0;
        int messages = 0;
        for (ImportPlan.SessionRows s : plan.sessions()) {
            ChatSession existing = em.find(ChatSession.class, s.id());
            Set<String> present = new HashSet<>();
            if (existing == null) {
                ChatSession created = new ChatSession();
                created.id = s.id();
                created.tenantId = owner.tenantId();
                created.userId = owner.userId();
                created.createdAt = s.createdAt();
                created.updatedAt = s.updatedAt();
                em.persist(created);
                sessions++;
            } else {
                em.createQuery("from TranscriptMessage x where x.sessionId = :s", TranscriptMessage.class)
                        .setParameter("s", s.id())
                        .getResultList()
                        .forEach(m -> present.add(messageKey(m.role, m.at, m.text)));
            }
            for (TranscriptMessage m : s.messages()) {
                if (present.add(messageKey(m.role, m.at, m.text))) {
                    em.persist(m);
                    messages++;
                }
            }
        }
        return new Applied(
                new ImportResult(adding.size(), skipped, sessions, messages, events), List.copyOf(adding.values()));
    }

    private boolean hasEvents(Owner owner, String memoryId) {
        return !em.createQuery(
                        "select e.id from MemoryEvent e where e.tenantId = :t and e.userId = :u and e.memoryId = :m",
                        Long.class)
                .setParameter("t", owner.tenantId())
                .setParameter("u", owner.userId())
                .setParameter("m", memoryId)
                .setMaxResults(1)
                .getResultList()
                .isEmpty();
    }

    /** A history snapshot as stored here: the memory under its local id and owner. */
    private String snapshot(Map<String, Object> view, String memoryId, Owner owner) {
        if (view == null) {
            return null;
        }
        Map<String, Object> local = new LinkedHashMap<>(view);
        local.put("id", memoryId);
        local.put("userId", owner.userId());
        try {
            return mapper.writeValueAsString(local);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a history snapshot: " + e.getOriginalMessage(), e);
        }
    }

    private static String messageKey(TranscriptMessage.Role role, Instant at, String text) {
        return role + "\u0000" + at + "\u0000" + text;
    }

    private Map<String, Object> map(String stored) {
        if (stored == null) {
            return null;
        }
        try {
            return mapper.readValue(stored, OBJECT);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored history is unreadable: " + e.getOriginalMessage(), e);
        }
    }

    private <T> List<T> ofOwner(String query, Class<T> type, Owner owner) {
        return em.createQuery(query.formatted("x.tenantId = :t and x.userId = :u"), type)
                .setParameter("t", owner.tenantId())
                .setParameter("u", owner.userId())
                .getResultList();
    }
}
