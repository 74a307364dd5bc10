package dev.moat.lockin;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.moat.problem.ProblemException;
import java.util.Arrays;
import java.util.Locale;

/** What a user takes along when leaving (docs/SWITCHING-COST.md, "Carry modes"). */
public enum CarryMode {
    /** Nothing: a cold start at the target. */
    NONE,
    /** The raw user messages only, as today's data exports give them, re-indexed at the target. */
    TRANSCRIPT,
    /** Only a digest's text, pasted in: a few memories, within the destination's token budget. */
    DIGEST,
    /** mem0's add requests: every memory that still holds, without the turn it answered, history or provenance. */
    MEM0,
    /** Moat's passport: messages, derived memories, history and provenance. */
    PASSPORT;

    /** The mode's name in reports and options: none, transcript, digest, mem0, passport. */
    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode an option names; 400 naming the modes there are when it names none. */
    @JsonCreator
    public static CarryMode of(String id) {
        return Arrays.stream(values())
                .filter(m -> m.id().equals(id.strip().toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> ProblemException.badRequest("unknown carry mode '" + id + "': use one of " + ids()));
    }

    /** The modes' names, comma-separated. */
    public static String ids() {
        return String.join(", ", Arrays.stream(values()).map(CarryMode::id).toList());
    }
}
