package dev.moat.chat;

import dev.moat.memory.MemoryLimits;
import dev.moat.user.Owner;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A user's message: in a session (a new one when absent), to a provider (routed when absent), with k memories. */
public record ChatTurnRequest(
        @NotNull @Pattern(regexp = Owner.USER_ID_PATTERN) String userId,
        @NotBlank @Size(max = MemoryLimits.MAX_TEXT_CHARS) String message,
        @Size(max = 36) String sessionId,
        @Size(max = 64) String provider,
        @Min(0) @Max(MemoryLimits.MAX_K) Integer k) {}
