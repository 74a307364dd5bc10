package dev.moat.portability;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moat.chat.ChatSession;
import dev.moat.chat.ChatSessionRepository;
import dev.moat.chat.TranscriptMessage;
import dev.moat.chat.TranscriptRepository;
import dev.moat.memory.Memory;
import dev.moat.memory.MemoryEvent;
import dev.moat.memory.MemoryEventRepository;
import dev.moat.memory.MemoryJson;
import dev.moat.memory.MemoryRepository;
import dev.moat.memory.MemoryStore;
import dev.moat.memory.indexing.IndexOutbox;
import dev.moat.memory.indexing.OutboxEntry;
import dev.moat.user.MoatUser;
import dev.moat.user.Owner;
import dev.moat.user.UserRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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

    private final UserRepository users;
    private final MemoryRepository memories;
    private final MemoryStore memoryStore;
    private final IndexOutbox outbox;
    private final MemoryEventRepository events;
    private final ChatSessionRepository sessions;
    private final TranscriptRepository transcripts;
    private final MemoryJson json;
    private final ObjectMapper mapper;

    public PassportStore(
            UserRepository users,
            MemoryRepository memories,
            MemoryStore memoryStore,
            IndexOutbox outbox,
            MemoryEventRepository events,
            ChatSessionRepository sessions,
            TranscriptRepository transcripts,
            MemoryJson json,
            ObjectMapper mapper) {
        this.users = users;
        this.memories = memories;
        this.memoryStore = memoryStore;
        this.outbox = outbox;
        this.events = events;
        this.sessions = sessions;
        this.transcripts = transcripts;
        this.json = json;
        this.mapper = mapper;
    }

    /** The user's passport, or empty when the user does not exist. Everything in a stable order. */
    public Optional<Passport> read(Owner owner, Instant exportedAt) {
        MoatUser user = users.find(owner).orElse(null);
        if (user == null) {
            return Optional.empty();
        }
        Map<String, List<Passport.Message>> bySession = new LinkedHashMap<>();
        for (TranscriptMessage m : transcripts.ofOwner(owner)) {
            bySession
                    .computeIfAbsent(m.sessionId, k -> new ArrayList<>())
                    .add(new Passport.Message(
                            m.role.name().toLowerCase(Locale.ROOT), m.text, m.at, m.provider, m.model, m.memoryId));
        }
        List<Passport.Session> sessionsHeld = sessions.ofOwner(owner, Sort.ascending("createdAt", "id")).stream()
                .map(s -> new Passport.Session(s.id, s.createdAt, s.updatedAt, bySession.getOrDefault(s.id, List.of())))
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
        List<Passport.Event> history = events.ofOwner(owner).stream()
                .map(e -> new Passport.Event(
                        e.memoryId, e.type.name().toLowerCase(Locale.ROOT), e.at, map(e.before), map(e.after)))
                .toList();
        return Optional.of(new Passport(
                Passport.FORMAT,
                Passport.VERSION,
                exportedAt,
                new Passport.User(owner.userId(), user.createdAt, user.provider),
                sessionsHeld,
                held,
                history));
    }

    /** What an import wrote: the counts, and the memories added or superseded by them (for the index). */
    public record Applied(ImportResult result, List<Memory> added) {}

    /** Writes every part of the plan or none. History keeps the passport's order. */
    public Applied apply(Owner owner, ImportPlan plan) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        users.holdForWrite(owner, now);
        MoatUser user = users.find(owner).orElse(null);
        if (user != null && plan.userSince() != null && plan.userSince().isBefore(user.createdAt)) {
            user.createdAt = plan.userSince(); // the user's history began where the passport was made
        }
        Map<String, Memory> adding = new LinkedHashMap<>();
        int skipped = plan.skippedMemories();
        for (Memory m : plan.memories()) {
            if (memories.findByIdOptional(m.id).isPresent()) {
                skipped++; // added by a concurrent import of the same document since the plan was made
            } else {
                adding.put(m.id, m);
            }
        }
        Map<String, Boolean> deletedMissing = new HashMap<>();
        int eventsAdded = 0;
        for (ImportPlan.LocalEvent le : plan.history()) {
            Memory m = adding.get(le.memoryId());
            boolean wanted = m != null
                    || (plan.deleted().contains(le.memoryId())
                            && deletedMissing.computeIfAbsent(le.memoryId(), id -> !events.hasEvents(owner, id)));
            if (!wanted) {
                continue;
            }
            Passport.Event e = le.event();
            long id = events.record(
                    owner,
                    le.memoryId(),
                    MemoryEvent.Type.valueOf(e.type().toUpperCase(Locale.ROOT)),
                    snapshot(e.before(), le.memoryId(), owner),
                    snapshot(e.after(), le.memoryId(), owner),
                    e.at());
            eventsAdded++;
            if (m != null) {
                m.version = id;
            }
        }
        List<Memory> changed = new ArrayList<>();
        for (Memory m : adding.values()) {
            memoryStore.settleSlot(m, now).ifPresent(changed::add);
            if (m.version == 0) { // the passport holds no history of it: its import is its first event
                m.version = events.record(
                        owner, m.id, MemoryEvent.Type.ADD, null, json.snapshot(json.view(m)), m.createdAt);
                eventsAdded++;
            }
            memories.persist(m);
            outbox.changed(owner, m.id, OutboxEntry.Op.UPSERT);
            changed.add(m);
        }
        int sessionsAdded = 0;
        int messages = 0;
        for (ImportPlan.SessionRows s : plan.sessions()) {
            ChatSession existing = sessions.findById(s.id());
            Set<String> present = new HashSet<>();
            if (existing == null) {
                sessions.create(owner, s.id(), s.createdAt(), s.updatedAt());
                sessionsAdded++;
            } else {
                transcripts.transcript(s.id()).forEach(m -> present.add(messageKey(m.role, m.at, m.text)));
            }
            for (TranscriptMessage m : s.messages()) {
                if (present.add(messageKey(m.role, m.at, m.text))) {
                    transcripts.persist(m);
                    messages++;
                }
            }
        }
        return new Applied(new ImportResult(adding.size(), skipped, sessionsAdded, messages, eventsAdded), changed);
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
}
