package dev.moat.memory;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Where a memory came from: the ids of the message memories it was drawn from, and the provider and model that drew
 * it. A message the user sent has none: it is its own source. The switching-cost meter counts a derived memory as
 * kept when any of its sources is.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Provenance(
        @Size(max = MemoryLimits.MAX_SOURCES) List<@Size(max = 64) String> sources,
        @Size(max = 64) String provider,
        @Size(max = 128) String model) {

    public Provenance {
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    @JsonIgnore
    public boolean isEmpty() {
        return sources.isEmpty() && provider == null && model == null;
    }
}
