package dev.moat.memory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Memories to and from the JSON kept in the database: metadata, and the snapshots of the history. */
@ApplicationScoped
public class MemoryJson {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

    private final ObjectMapper mapper;

    public MemoryJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public MemoryView view(Memory m) {
        return new MemoryView(
                m.id,
                m.userId,
                m.text,
                m.kind,
                m.occurredAt,
                m.createdAt,
                m.updatedAt,
                m.sessionId,
                metadataOf(m.metadata),
                provenanceOf(m.provenance),
                m.context,
                m.slot,
                m.validTo);
    }

    /** A projected row as the API shows it, for the owner it was read for. */
    public MemoryView view(MemoryRow r, String userId) {
        return new MemoryView(
                r.id(),
                userId,
                r.text(),
                r.kind(),
                r.occurredAt(),
                r.createdAt(),
                r.updatedAt(),
                r.sessionId(),
                metadataOf(r.metadata()),
                provenanceOf(r.provenance()),
                r.context(),
                r.slot(),
                r.validTo());
    }

    /** Stored provenance JSON as a record; null stays null. */
    public Provenance provenanceOf(String stored) {
        return stored == null ? null : read(stored, new TypeReference<>() {});
    }

    /** Provenance as stored: null when there is none. */
    public String provenance(Provenance provenance) {
        return provenance == null || provenance.isEmpty() ? null : write(provenance);
    }

    /** Stored metadata JSON as a map; null stays null. */
    public Map<String, Object> metadataOf(String stored) {
        return stored == null ? null : read(stored, OBJECT);
    }

    /** The metadata as stored; refused when larger than {@link MemoryLimits#MAX_METADATA_BYTES}. */
    public String metadata(Map<String, Object> metadata) {
        if (metadata == null) {
            return null;
        }
        String json = write(metadata);
        int bytes = json.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MemoryLimits.MAX_METADATA_BYTES) {
            throw new InvalidMemoryException("metadata is " + bytes + " bytes of JSON; at most "
                    + MemoryLimits.MAX_METADATA_BYTES + " are accepted");
        }
        return json;
    }

    public String snapshot(MemoryView view) {
        return view == null ? null : write(view);
    }

    public MemoryView fromSnapshot(String json) {
        return json == null ? null : read(json, new TypeReference<>() {});
    }

    private String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    private <T> T read(String json, TypeReference<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is unreadable: " + e.getOriginalMessage(), e);
        }
    }
}
